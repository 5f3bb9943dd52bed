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
    }

    /// Identifies one alarm condition instance; the raise and its clear share it.
    public var id: String
    public var kind: Kind
    public var device: String
    public var channel: ChannelDescriptor
    public var rule: String
    public var priority: AlarmPriority
    public var timeUnixMs: Int64
    public var value: Double?
    public var message: String

    public init(
        id: String, kind: Kind, device: String, channel: ChannelDescriptor, rule: String,
        priority: AlarmPriority, timeUnixMs: Int64, value: Double?, message: String
    ) {
        self.id = id
        self.kind = kind
        self.device = device
        self.channel = channel
        self.rule = rule
        self.priority = priority
        self.timeUnixMs = timeUnixMs
        self.value = value
        self.message = message
    }
}
