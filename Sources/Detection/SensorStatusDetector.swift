import GatewayModel

/// Turns device-reported reading status (sensor problem, low perfusion, artefact, no value) into
/// technical alarms on one channel.
///
/// One cause, one alarm: a reading counts only for the first rule (in order) it matches, so a
/// sensor-off reading without a value raises "sensor-problem", not also "no-value". A rule clears
/// on the first reading that does not count for it.
public struct SensorStatusDetector: Sendable {
    private struct RuleState: Sendable {
        var delay: ConditionDelay
        var latch: AlarmLatch
    }

    public let rules: [SensorStatusRule]
    private var states: [RuleState]

    public init(device: String, channel: ChannelDescriptor, rules: [SensorStatusRule] = SensorStatusRule.defaults) {
        self.rules = rules
        self.states = rules.map {
            RuleState(
                delay: ConditionDelay(delayMs: $0.delay.milliseconds),
                latch: AlarmLatch(device: device, channel: channel, rule: $0.name, priority: $0.priority)
            )
        }
    }

    public var isActive: Bool { states.contains { $0.latch.isActive } }

    public mutating func observe(_ measurement: Measurement) -> [Event] {
        let cause = rules.firstIndex { $0.matches(measurement) }
        return states.indices.compactMap { step($0, holds: $0 == cause, measurement) }
    }

    private mutating func step(_ index: Int, holds: Bool, _ measurement: Measurement) -> Event? {
        let time = measurement.timeUnixMs
        guard holds else {
            states[index].delay.reset()
            return states[index].latch.clear(at: time, value: measurement.value)
        }
        guard let onset = states[index].delay.update(holds: true, at: time) else { return nil }
        return states[index].latch.raise(at: time, onset: onset, value: measurement.value)
    }
}
