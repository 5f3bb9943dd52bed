import GRDB

extension QueueStore {
    /// The next batch sequence number: strictly increasing for the life of the queue, across
    /// restarts (persisted high-water) and across quarantine (a new file starts at unix ms × 1000).
    public func nextSequence() -> UInt64 {
        state.withLockedValue { state in
            state.lastSeq += 1
            return state.lastSeq
        }
    }

    /// Raises the persisted high-water inside the caller's transaction; never lowers it.
    static func persistHighWater(_ db: Database, _ seq: UInt64) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO meta (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
                """
        ).execute(arguments: [seqHighWaterKey, Int64(clamping: seq)])
    }
}
