import SignalCore
/// A `PulseDetectorConfiguration`'s durations converted to samples at one sample rate.
struct PulseTiming: Sendable {
    let slopeWindow: Int
    let refractory: Int
    let learning: Int
    let decayAfter: Int
    let decayPerSample: Double
    let window: Int
    /// Longest a slope sum may stay high before the upstroke is closed anyway.
    let maximumUpstroke: Int
    /// How far before the threshold crossing the foot may lie.
    let footSearch: Int
    /// The band-pass's delay at the upstroke's frequencies, subtracted from reported indices.
    let delay: Int
    let historyLength: Int

    init(configuration: PulseDetectorConfiguration, sampleRate: Double) {
        func samples(_ seconds: Double) -> Int { max(1, Int((seconds * sampleRate).rounded())) }
        slopeWindow = samples(configuration.slopeWindow)
        refractory = samples(configuration.refractory)
        learning = samples(configuration.learningPeriod)
        decayAfter = samples(configuration.thresholdDecayAfter)
        decayPerSample = Trigonometry.pow(0.5, 1 / sampleRate)
        window = samples(configuration.statusWindow)
        maximumUpstroke = samples(0.6)
        footSearch = samples(0.3)
        // A second-order Butterworth low-pass delays low frequencies by √2 / (2π fc).
        delay = Int((2.0.squareRoot() / (2 * Double.pi * configuration.passBand.upperBound) * sampleRate).rounded())
        historyLength = window + samples(1)
    }
}
