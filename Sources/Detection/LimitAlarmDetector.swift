import GatewayModel

/// Applies limit rules to one device channel's readings and emits raise/clear events.
///
/// Time comes from the readings, not the wall clock, so replayed or delayed data behaves the same.
/// A rule raises once its bound has been violated by every valid reading for `delay` (onset = the first
/// violating reading) and clears once a reading is back inside the bound by `hysteresis`.
public struct LimitAlarmDetector: Sendable {
    private struct RuleState: Sendable {
        var delay: ConditionDelay
        var latch: AlarmLatch
    }

    public let device: String
    public let channel: ChannelDescriptor
    public let rules: [LimitRule]
    private var states: [RuleState]

    public init(device: String, channel: ChannelDescriptor, rules: [LimitRule]) {
        self.device = device
        self.channel = channel
        self.rules = rules
        self.states = rules.map {
            RuleState(
                delay: ConditionDelay(delayMs: $0.delay.milliseconds),
                latch: AlarmLatch(device: device, channel: channel, rule: $0.name, priority: $0.priority)
            )
        }
    }

    /// Whether any rule's alarm is currently raised.
    public var isActive: Bool { states.contains { $0.latch.isActive } }

    /// Feeds one reading. Readings with no value, a NaN or marked invalid neither raise nor clear, and
    /// leave a running condition delay untouched: an artefact inside an episode must not restart it.
    public mutating func observe(_ measurement: Measurement) -> [Event] {
        guard let value = measurement.value, value.isFinite, !measurement.status.contains(.invalid) else { return [] }
        return states.indices.compactMap { step($0, value: value, at: measurement.timeUnixMs) }
    }

    private mutating func step(_ index: Int, value: Double, at timeMs: Int64) -> Event? {
        let rule = rules[index]
        // Formatted only for an event: most readings raise and clear nothing.
        var detail: String { "\(value) \(channel.unit)" }
        if states[index].latch.isActive {
            guard rule.clears(value) else { return nil }
            states[index].delay.reset()
            return states[index].latch.clear(at: timeMs, value: value, detail: detail)
        }
        guard let onset = states[index].delay.update(holds: rule.violates(value), at: timeMs) else { return nil }
        return states[index].latch.raise(at: timeMs, onset: onset, value: value, detail: detail)
    }
}
