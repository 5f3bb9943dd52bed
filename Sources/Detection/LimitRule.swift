import GatewayModel

/// A limit alarm rule on one numeric channel: a bound, a condition delay and a clearing hysteresis.
public struct LimitRule: Sendable, Hashable {
    /// Which side of the limit is the alarm condition.
    public enum Bound: Sendable, Hashable {
        case above(Double)
        case below(Double)
    }

    public var bound: Bound
    /// How long the condition must hold before the alarm is raised (part of the alarm system delay).
    public var delay: Duration
    /// How far back inside the limit the value must come before the alarm clears, to avoid chatter.
    public var hysteresis: Double
    public var priority: AlarmPriority

    public init(bound: Bound, delay: Duration = .zero, hysteresis: Double = 0, priority: AlarmPriority) {
        self.bound = bound
        self.delay = delay
        self.hysteresis = hysteresis
        self.priority = priority
    }

    /// A short stable name used in events and alarm ids, e.g. `below-90`.
    public var name: String {
        switch bound {
        case let .above(limit): "above-\(Self.format(limit))"
        case let .below(limit): "below-\(Self.format(limit))"
        }
    }

    /// Whether `value` is on the alarm side of the limit (before any condition delay).
    public func violates(_ value: Double) -> Bool {
        switch bound {
        case let .above(limit): value > limit
        case let .below(limit): value < limit
        }
    }

    func clears(_ value: Double) -> Bool {
        switch bound {
        case let .above(limit): value <= limit - hysteresis
        case let .below(limit): value >= limit + hysteresis
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
