/// A priority class of upstream traffic; the uplink always drains the highest non-empty lane first.
public enum Lane: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case alarm
    case vital
    case wave

    /// Lanes from the most to the least urgent: the order in which the uplink sends them.
    public static let byPriority: [Lane] = [.alarm, .vital, .wave]

    /// Lanes in the order the queue evicts them when full; alarms are never evicted.
    public static let evictionOrder: [Lane] = [.wave, .vital]

    /// Stable small integer used on disk and on the wire (1 = alarm … 3 = wave).
    public var number: Int {
        switch self {
        case .alarm: 1
        case .vital: 2
        case .wave: 3
        }
    }

    public init?(number: Int) {
        switch number {
        case 1: self = .alarm
        case 2: self = .vital
        case 3: self = .wave
        default: return nil
        }
    }

    public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.number < rhs.number }
}
