import GatewayModel

/// Applies limit rules to one device channel's readings and emits raise/clear events.
///
/// Time comes from the readings, not the wall clock, so replayed or delayed data behaves the same.
public struct LimitAlarmDetector: Sendable {
    private struct RuleState: Sendable {
        var violatingSinceMs: Int64?
        var activeID: String?
    }

    public let device: String
    public let channel: ChannelDescriptor
    public let rules: [LimitRule]
    private var states: [RuleState]

    public init(device: String, channel: ChannelDescriptor, rules: [LimitRule]) {
        self.device = device
        self.channel = channel
        self.rules = rules
        self.states = Array(repeating: RuleState(), count: rules.count)
    }

    /// Feeds one reading; readings with no value or marked invalid never raise nor clear.
    public mutating func observe(_ measurement: Measurement) -> [Event] {
        guard let value = measurement.value, !measurement.status.contains(.invalid) else { return [] }
        var events: [Event] = []
        for index in rules.indices {
            if let event = step(index, value: value, at: measurement.timeUnixMs) { events.append(event) }
        }
        return events
    }

    private mutating func step(_ index: Int, value: Double, at timeMs: Int64) -> Event? {
        let rule = rules[index]
        if let id = states[index].activeID {
            guard rule.clears(value) else { return nil }
            states[index] = RuleState()
            return event(id: id, kind: .cleared, rule: rule, value: value, at: timeMs)
        }
        guard rule.violates(value) else {
            states[index].violatingSinceMs = nil
            return nil
        }
        let since = states[index].violatingSinceMs ?? timeMs
        states[index].violatingSinceMs = since
        let (held, overflow) = timeMs.subtractingReportingOverflow(since)
        guard !overflow, held >= rule.delay.milliseconds else { return nil }
        let id = "\(device)/\(channel.name)/\(rule.name)/\(since)"
        states[index].activeID = id
        return event(id: id, kind: .raised, rule: rule, value: value, at: timeMs)
    }

    private func event(id: String, kind: Event.Kind, rule: LimitRule, value: Double, at timeMs: Int64) -> Event {
        let what = channel.code.display ?? channel.name
        let verb = kind == .raised ? "alarm" : "cleared"
        return Event(
            id: id, kind: kind, device: device, channel: channel, rule: rule.name, priority: rule.priority,
            timeUnixMs: timeMs, value: value, message: "\(what) \(rule.name.split(separator: "-").joined(separator: " ")) \(verb): \(value) \(channel.unit)"
        )
    }
}
