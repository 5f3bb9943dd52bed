import GatewayModel

/// One alarm condition's identity and raised/cleared state; builds the events so every detector
/// formats ids and messages the same way.
struct AlarmLatch: Sendable {
    let device: String
    let channel: ChannelDescriptor
    let rule: String
    var priority: AlarmPriority
    private(set) var activeID: String?
    private(set) var onsetUnixMs: Int64?

    init(device: String, channel: ChannelDescriptor, rule: String, priority: AlarmPriority) {
        self.device = device
        self.channel = channel
        self.rule = rule
        self.priority = priority
    }

    var isActive: Bool { activeID != nil }

    /// Raises unless already raised; the id carries the onset so a raise and its clear pair up.
    mutating func raise(at timeMs: Int64, onset: Int64, value: Double?, detail: String = "") -> Event? {
        guard activeID == nil else { return nil }
        let id = instanceID(onset: onset)
        activeID = id
        onsetUnixMs = onset
        return event(id: id, kind: .raised, at: timeMs, onset: onset, value: value, detail: detail)
    }

    mutating func clear(at timeMs: Int64, value: Double?, detail: String = "") -> Event? {
        guard let id = activeID else { return nil }
        let onset = onsetUnixMs
        activeID = nil
        onsetUnixMs = nil
        return event(id: id, kind: .cleared, at: timeMs, onset: onset, value: value, detail: detail)
    }

    /// A condition that was met but vetoed; it does not change the latch.
    func suppressed(at timeMs: Int64, onset: Int64, value: Double?, detail: String) -> Event {
        event(id: instanceID(onset: onset), kind: .suppressed, at: timeMs, onset: onset, value: value, detail: detail)
    }

    private func instanceID(onset: Int64) -> String { "\(device)/\(channel.name)/\(rule)/\(onset)" }

    private func event(id: String, kind: Event.Kind, at timeMs: Int64, onset: Int64?, value: Double?, detail: String) -> Event {
        let what = channel.code.display ?? channel.name
        let words = rule.split(separator: "-").joined(separator: " ")
        let verb = switch kind {
        case .raised: "alarm"
        case .cleared: "cleared"
        case .suppressed: "suppressed"
        }
        let message = "\(what) \(words) \(verb)" + (detail.isEmpty ? "" : ": \(detail)")
        return Event(
            id: id, kind: kind, device: device, channel: channel, rule: rule, priority: priority,
            timeUnixMs: timeMs, onsetUnixMs: onset, value: value, message: message
        )
    }
}
