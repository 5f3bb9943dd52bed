/// Scores detected beats against reference beats the ANSI/AAMI EC57 way: one-to-one matches within a window.
public struct BeatMatcher: Sendable {
    /// Largest reference–detection distance that still counts as a match (EC57: 150 ms).
    public var window: Double
    /// Beats (reference and detected) before this many seconds are ignored, e.g. a detector's learning period.
    public var skipSeconds: Double

    public init(windowSeconds: Double = 0.150, skipSeconds: Double = 0) {
        window = windowSeconds
        self.skipSeconds = skipSeconds
    }

    /// Matches `detected` to `reference` (sample indices at `sampleRate` Hz), nearest pairs first.
    public func match(reference: [Int], detected: [Int], sampleRate: Double) -> BeatMatchResult {
        let start = skipSeconds * sampleRate
        let references = reference.filter { Double($0) >= start }.sorted()
        let detections = detected.filter { Double($0) >= start }.sorted()
        // A hair of slack so a beat exactly `window` away still matches despite rounding of window × rate.
        let reach = window * sampleRate + 1e-9
        var pairs = candidatePairs(references, detections, reach: reach)
        pairs.sort { ($0.distance, $0.reference, $0.detected) < ($1.distance, $1.reference, $1.detected) }
        var usedReference = [Bool](repeating: false, count: references.count)
        var usedDetection = [Bool](repeating: false, count: detections.count)
        var matches: [BeatMatch] = []
        for pair in pairs where !usedReference[pair.reference] && !usedDetection[pair.detected] {
            usedReference[pair.reference] = true
            usedDetection[pair.detected] = true
            matches.append(BeatMatch(reference: references[pair.reference], detected: detections[pair.detected]))
        }
        return BeatMatchResult(
            matches: matches.sorted { $0.reference < $1.reference },
            missedReferences: references.indices.filter { !usedReference[$0] }.map { references[$0] },
            falseDetections: detections.indices.filter { !usedDetection[$0] }.map { detections[$0] },
            sampleRate: sampleRate
        )
    }

    private struct Pair {
        let reference: Int
        let detected: Int
        let distance: Int
    }

    /// Every (reference, detection) pair within reach, found by sweeping both sorted lists once.
    private func candidatePairs(_ references: [Int], _ detections: [Int], reach: Double) -> [Pair] {
        var pairs: [Pair] = []
        var low = 0
        for (r, beat) in references.enumerated() {
            while low < detections.count, Double(beat - detections[low]) > reach { low += 1 }
            var d = low
            while d < detections.count, Double(detections[d] - beat) <= reach {
                pairs.append(Pair(reference: r, detected: d, distance: abs(detections[d] - beat)))
                d += 1
            }
        }
        return pairs
    }
}
