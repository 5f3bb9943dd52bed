/// A NEWS2 score at one moment: sub-scores of the parameters present, aggregate, level and what is missing.
///
/// With parameters missing the assessment is partial (`isComplete == false`, `missing` names them):
/// score and level are then a lower bound, since a missing parameter can only add points.
public struct NEWS2Assessment: Sendable, Hashable {
    public var subScores: [NEWS2Parameter: Int]
    public var score: Int
    public var level: NEWS2Level
    /// Parameters with no (recent) value, in chart order.
    public var missing: [NEWS2Parameter]
    public var timeUnixMs: Int64

    public init(vitals: NEWS2Vitals, scale: NEWS2SpO2Scale, timeUnixMs: Int64) {
        let subScores = NEWS2Table.subScores(vitals, scale: scale)
        let score = subScores.values.reduce(0, +)
        self.subScores = subScores
        self.score = score
        self.level = NEWS2Level(score: score, hasRedScore: subScores.values.contains(3))
        self.missing = NEWS2Parameter.allCases.filter { subScores[$0] == nil }
        self.timeUnixMs = timeUnixMs
    }

    public var isComplete: Bool { missing.isEmpty }

    /// One line for event messages, e.g. `score 5, medium: urgent response (partial, missing temperature)`.
    public var summary: String {
        let base = "score \(score), \(level.name): \(level.response)"
        return isComplete ? base : base + " (partial, missing \(missing.map(\.name).joined(separator: ", ")))"
    }
}
