/// One reference beat paired with the detection that matched it.
public struct BeatMatch: Sendable, Equatable {
    /// Reference beat sample index.
    public var reference: Int
    /// Detected beat sample index.
    public var detected: Int

    public init(reference: Int, detected: Int) {
        self.reference = reference
        self.detected = detected
    }
}

/// The outcome of `BeatMatcher.match`: counts, EC57 statistics and timing errors.
public struct BeatMatchResult: Sendable, Equatable {
    /// Matched pairs in reference order.
    public var matches: [BeatMatch]
    /// Reference beats no detection matched (false negatives).
    public var missedReferences: [Int]
    /// Detections that matched no reference beat (false positives).
    public var falseDetections: [Int]
    /// Sample rate the indices are at.
    public var sampleRate: Double

    public var truePositives: Int { matches.count }
    public var falseNegatives: Int { missedReferences.count }
    public var falsePositives: Int { falseDetections.count }

    /// TP / (TP + FN); 1 when there are no reference beats (none could be missed).
    public var sensitivity: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// TP / (TP + FP); 1 when there are no detections (none could be false).
    public var positivePredictivity: Double { ratio(truePositives, truePositives + falsePositives) }

    /// Mean |detected − reference| over matches, in milliseconds; 0 without matches.
    public var meanAbsoluteErrorMilliseconds: Double {
        matches.isEmpty ? 0 : Double(matches.reduce(0) { $0 + abs($1.detected - $1.reference) }) / Double(matches.count) * 1000 / sampleRate
    }

    /// Largest |detected − reference| over matches, in milliseconds; 0 without matches.
    public var maxAbsoluteErrorMilliseconds: Double {
        Double(matches.map { abs($0.detected - $0.reference) }.max() ?? 0) * 1000 / sampleRate
    }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 1 : Double(numerator) / Double(denominator)
    }
}
