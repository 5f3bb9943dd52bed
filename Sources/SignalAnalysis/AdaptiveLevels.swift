/// Pan–Tompkins running estimates of the signal (QRS) and noise peak levels of the integrated feature.
struct AdaptiveLevels: Sendable {
    var signal: Float = 0
    var noise: Float = 0

    /// Candidates above this are QRS complexes at the first pass.
    var threshold: Float { noise + 0.25 * (signal - noise) }
    /// Search-back accepts overdue candidates above this.
    var searchBackThreshold: Float { 0.5 * threshold }

    mutating func learnSignal(_ peak: Float, searchBack: Bool) {
        signal = searchBack ? 0.25 * peak + 0.75 * signal : 0.125 * peak + 0.875 * signal
    }

    mutating func learnNoise(_ peak: Float) {
        noise = 0.125 * peak + 0.875 * noise
    }

    /// Noise peaks this close to QRS peaks leave little margin for the threshold.
    var isNoisy: Bool { noise > 0.4 * signal }
}
