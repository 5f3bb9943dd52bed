import GatewayModel

/// A slow-drift rule: how far the recent median may move from the baseline median, and over which windows.
///
/// The trend holds when the recent median departs from the baseline median (the window just before
/// the recent one) by more than `max(k × scaled MAD of the baseline, minimumChange)` in `direction`.
public struct TrendRule: Sendable, Hashable {
    /// Which way of drifting counts.
    public enum Direction: String, Sendable, Hashable {
        case rising
        case falling
        case either
    }

    public var name: String
    public var baselineWindow: Duration
    public var recentWindow: Duration
    /// Multiple of the baseline's scaled MAD (≈ standard deviations) the departure must exceed.
    public var k: Double
    /// Smallest departure that counts, in the channel's unit; guards against a very quiet baseline.
    public var minimumChange: Double
    public var direction: Direction
    /// Readings needed in each window before the rule judges at all.
    public var minimumReadings: Int
    /// The trend clears once the departure is back to this fraction of the threshold.
    public var clearFraction: Double
    /// Low by default: a trend asks for awareness, limit alarms cover dangerous values.
    public var priority: AlarmPriority

    public init(
        name: String = "trend", baselineWindow: Duration = .seconds(30 * 60), recentWindow: Duration = .seconds(5 * 60),
        k: Double = 3, minimumChange: Double, direction: Direction = .either, minimumReadings: Int = 5,
        clearFraction: Double = 0.5, priority: AlarmPriority = .low
    ) {
        self.name = name
        self.baselineWindow = baselineWindow
        self.recentWindow = recentWindow
        self.k = k
        self.minimumChange = minimumChange
        self.direction = direction
        self.minimumReadings = max(1, minimumReadings)
        self.clearFraction = clearFraction
        self.priority = priority
    }

    /// How far `recent` departs from `baseline` in the rule's direction (negative: the other way).
    func departure(recent: Double, baseline: Double) -> Double {
        switch direction {
        case .rising: recent - baseline
        case .falling: baseline - recent
        case .either: abs(recent - baseline)
        }
    }
}
