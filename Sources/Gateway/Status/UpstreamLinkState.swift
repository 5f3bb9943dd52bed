/// One upstream connection as the status shows it.
public struct UpstreamLinkState: Sendable {
    public var clientID = ""
    public var connected = false
    /// When the connection opened, or, once one has ended, when it last closed.
    public var sinceUnixMs: Int64?
    public var lastError: String?
    public var lastAckUnixMs: Int64?
    public var inflight = 0
    public var reconnects = 0

    public init() {}
}
