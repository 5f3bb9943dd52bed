/// IEC 60601-1-8 alarm priority.
public enum AlarmPriority: String, Sendable, Hashable, Codable, CaseIterable {
    case high
    case medium
    case low
}

/// An alarm condition starting or ending on a device channel; events travel on the `alarm` lane.
public struct Event: Sendable, Hashable, Codable {
    /// Whether the condition began or ended.
    public enum Kind: String, Sendable, Hashable, Codable {
        case raised
        case cleared
        /// The condition was met but a cross-check vetoed it (e.g. asystole with pulses on the pleth).
        case suppressed
    }

    /// Identifies one alarm condition instance; the raise and its clear share it.
    public var id: String
    public var kind: Kind
    public var device: String
    public var channel: ChannelDescriptor
    public var rule: String
    public var priority: AlarmPriority
    public var timeUnixMs: Int64
    /// When the condition began, before any condition delay; nil when the rule has no such notion.
    public var onsetUnixMs: Int64?
    public var value: Double?
    public var message: String

    public init(
        id: String, kind: Kind, device: String, channel: ChannelDescriptor, rule: String,
        priority: AlarmPriority, timeUnixMs: Int64, onsetUnixMs: Int64? = nil, value: Double?, message: String
    ) {
        self.id = id
        self.kind = kind
        self.device = device
        self.channel = channel
        self.rule = rule
        self.priority = priority
        self.timeUnixMs = timeUnixMs
        self.onsetUnixMs = onsetUnixMs
        self.value = value
        self.message = message
    }
}
