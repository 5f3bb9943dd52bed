import GatewayModel

/// The NEWS2 clinical risk and response level, from the aggregate score and any single red (3) score.
///
/// Alarm priority: high → high, medium → medium, low-medium and low → low, routine → no alarm.
/// Low-medium (a single 3 with an aggregate under 5) asks for an urgent ward review, but the priority
/// stays low because the alarm system's job there is awareness; the aggregate drives urgency.
public enum NEWS2Level: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Aggregate 0.
    case routine
    /// Aggregate 1–4: ward-based assessment.
    case low
    /// A single parameter scoring 3 with an aggregate of 1–4: urgent ward review.
    case lowMedium
    /// Aggregate 5–6: urgent response.
    case medium
    /// Aggregate 7 or more: emergency response.
    case high

    public init(score: Int, hasRedScore: Bool) {
        switch score {
        case 7...: self = .high
        case 5...6: self = .medium
        case 1...4: self = hasRedScore ? .lowMedium : .low
        default: self = .routine
        }
    }

    public static func < (lhs: NEWS2Level, rhs: NEWS2Level) -> Bool { lhs.rawValue < rhs.rawValue }

    /// nil for routine: no alarm.
    public var alarmPriority: AlarmPriority? {
        switch self {
        case .routine: nil
        case .low, .lowMedium: .low
        case .medium: .medium
        case .high: .high
        }
    }

    /// Short name for messages and status, e.g. `low-medium`.
    public var name: String {
        switch self {
        case .routine: "routine"
        case .low: "low"
        case .lowMedium: "low-medium"
        case .medium: "medium"
        case .high: "high"
        }
    }

    /// The RCP clinical response, for messages.
    public var response: String {
        switch self {
        case .routine: "routine monitoring"
        case .low: "ward-based assessment"
        case .lowMedium: "urgent ward review"
        case .medium: "urgent response"
        case .high: "emergency response"
        }
    }
}
