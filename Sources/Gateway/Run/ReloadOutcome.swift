/// What a reload did, or why it was refused; the API returns it and the log says it.
public struct ReloadOutcome: Sendable, Codable {
    public var applied: Bool
    public var devices: Int
    public var added: [String]
    public var removed: [String]
    public var upstreamReconnected: Bool
    /// Settings that changed but take effect only after a restart (store, keys, gateway id, …).
    public var needRestart: [String]
    /// The new configuration's errors when it was refused (FILE:LINE:COLUMN: message).
    public var errors: [String]
}
