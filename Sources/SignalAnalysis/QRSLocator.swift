import SignalCore

/// Finds the complex behind an integrated-feature peak and places its R peak.
///
/// The feature peaks when the integration window has swallowed the whole QRS, so the complex lies within one
/// window (plus the derivative's delay) before it; the band-passed signal's largest excursion there anchors it.
/// The band-pass delays the complex and gives it side lobes that can outgrow the main one, so polarity and R time
/// come from the raw signal: its largest departure from a straight baseline drawn across the anchor's neighbourhood.
struct QRSLocator: Sendable {
    /// How far before the feature peak the complex may start.
    let reachBack: Int
    /// Raw search window around the band-passed anchor (the band-pass only delays, so more room before).
    let rawBefore: Int
    let rawAfter: Int
    /// Segments of the stretch before the complex in which noise is measured.
    let noiseSegments: [Range<Int>]

    init(configuration: QRSDetectorConfiguration) {
        reachBack = configuration.frontEnd.integrationSamples + 2 + configuration.samples(0.02)
        rawBefore = configuration.samples(0.10)
        rawAfter = configuration.samples(0.05)
        let (start, end) = (configuration.samples(0.30), configuration.samples(0.07))
        let step = (start - end) / 3
        noiseSegments = (0..<3).map { k in (-start + k * step)..<(-start + (k + 1) * step) }
    }

    func locate(_ peak: Peak, raw: SampleRing, filtered: SampleRing) -> QRSCandidate {
        let window = (peak.index - reachBack)..<(peak.index + 1)
        let high = filtered.argmax(in: window, sign: 1)
        let low = filtered.argmax(in: window, sign: -1)
        let anchor = filtered[high] >= -filtered[low] ? high : low
        let bandAmplitude = max(abs(filtered[anchor]), .leastNormalMagnitude)
        let (rIndex, deviation) = raw.largestDeviation(in: (anchor - rawBefore)..<(anchor + rawAfter + 1))
        return QRSCandidate(
            feature: peak, rIndex: rIndex, polarity: deviation >= 0 ? .positive : .negative, amplitude: abs(deviation),
            slope: filtered.maxStep(in: window), noiseRatio: noise(before: anchor, in: filtered) / bandAmplitude)
    }

    /// The quietest of three short stretches before the complex, by peak |band-passed|: a previous QRS or T wave
    /// can fill one stretch at fast rates, broadband noise fills all three.
    private func noise(before peak: Int, in filtered: SampleRing) -> Float {
        var quietest = Float.infinity
        for segment in noiseSegments {
            let (lower, upper) = (max(filtered.start, peak + segment.lowerBound), peak + segment.upperBound)
            guard lower < upper else { continue }
            let range = lower..<upper
            quietest = min(quietest, range.reduce(0) { max($0, abs(filtered[$1])) })
        }
        return quietest.isFinite ? quietest : 0
    }
}
