import Synchronization

/// Counters of the reference receiver: what arrived, what was written, what was refused and why.
public struct ReceiverStats: Sendable, Equatable {
    public var received = 0
    public var accepted = 0
    public var duplicates = 0
    public var rejected: [String: Int] = [:]
    public var resourcesWritten = 0
    public var lastAcceptedUnixMs: Int64?

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}
