import GatewayModel

/// What one `append` did: ids of the rows it committed, and what it dropped to respect the bound.
public struct AppendOutcome: Sendable, Equatable {
    /// Ids of the appended batches still queued after the commit, in input order; a refused batch
    /// (or one evicted by a later batch of the same call) has none.
    public var stored: [Int64]
    /// Older batches evicted for space (counted as `.full`), by lane.
    public var evicted: [Lane: Int]
    /// Incoming batches refused (counted as `.rejected`), by lane.
    public var rejected: [Lane: Int]

    public init(stored: [Int64] = [], evicted: [Lane: Int] = [:], rejected: [Lane: Int] = [:]) {
        self.stored = stored
        self.evicted = evicted
        self.rejected = rejected
    }
}
