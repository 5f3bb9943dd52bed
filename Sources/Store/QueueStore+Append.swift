import GRDB
import GatewayModel

extension QueueStore {
    /// Commits `batches` in ONE transaction (one fsync): when it returns, they are accepted.
    /// Before each insert the byte bound is enforced by evicting the oldest `wave`, then `vital`
    /// rows (counted `.full`). An alarm is always stored, even above the bound; a wave or vital
    /// batch that could only fit by evicting a more important lane is refused (counted
    /// `.rejected`). Throws `QueueError` (`isDiskFull` on SQLITE_FULL) with nothing committed.
    public func append(_ batches: [PendingBatch]) throws -> AppendOutcome {
        guard let highestSeq = try Self.highestSeq(of: batches) else { return AppendOutcome() }
        return try writeTransaction("append \(batches.count) batches") { db, working in
            try insert(batches, highestSeq: highestSeq, db, &working)
        }
    }

    /// `append` that suspends the caller instead of blocking its thread while the writer waits for its lock and
    /// the disk. A distinct name, so async callers of `append` keep the blocking one they chose.
    public func appendSuspending(_ batches: [PendingBatch]) async throws -> AppendOutcome {
        guard let highestSeq = try Self.highestSeq(of: batches) else { return AppendOutcome() }
        return try await writeTransaction("append \(batches.count) batches") { db, working in
            try self.insert(batches, highestSeq: highestSeq, db, &working)
        }
    }

    private static func highestSeq(of batches: [PendingBatch]) throws -> UInt64? {
        guard let highestSeq = batches.map(\.seq).max() else { return nil }
        // seq is stored as SQLite INTEGER (Int64); a larger one would compare wrongly forever.
        guard highestSeq <= UInt64(Int64.max) else {
            throw QueueError(kind: .invalidArgument, message: "batch seq \(highestSeq) exceeds Int64.max")
        }
        return highestSeq
    }

    /// The body of `append`, inside its transaction.
    private func insert(_ batches: [PendingBatch], highestSeq: UInt64, _ db: Database, _ working: inout QueueState) throws -> AppendOutcome {
        let maxBytes = configuration.maxBytes
        var outcome = AppendOutcome()
        var kept: [(id: Int64, lane: Lane)] = []
        let insert = try db.cachedStatement(
            sql: "INSERT INTO batch (lane, seq, created_ms, size, payload) VALUES (?, ?, ?, ?, ?)")
        for batch in batches {
            let size = Int64(batch.payload.count)
            let excess = working.totalBytes + size - maxBytes
            if excess > 0 {
                let victims = Self.evictableLanes(for: batch.lane)
                let evictable = victims.reduce(Int64(0)) { $0 + (working.lanes[$1]?.bytes ?? 0) }
                // Evicting without then fitting would lose data for nothing: refuse up front.
                if batch.lane != .alarm && evictable < excess {
                    outcome.rejected[batch.lane, default: 0] += 1
                    continue
                }
                var needed = excess
                for lane in victims where needed > 0 {
                    guard let eviction = try Self.evictOldest(db, lane: lane, freeing: needed) else { continue }
                    working.add(lane, count: -eviction.count, bytes: -eviction.bytes)
                    outcome.evicted[lane, default: 0] += eviction.count
                    // A later batch of this same call may have evicted an earlier one.
                    kept.removeAll { $0.lane == lane && $0.id <= eviction.throughID }
                    needed -= eviction.bytes
                }
                if needed > 0 && !working.overBound {
                    working.overBound = true
                    logger.error(
                        "queue above its byte bound: only alarms are left to keep, storing alarms anyway",
                        metadata: ["bytes": "\(working.totalBytes + size)", "maxBytes": "\(maxBytes)"])
                }
            }
            try insert.execute(arguments: [
                batch.lane.number, Int64(bitPattern: batch.seq), batch.createdUnixMs, size, batch.payload,
            ])
            kept.append((db.lastInsertedRowID, batch.lane))
            working.add(batch.lane, count: 1, bytes: size)
        }
        for (lane, count) in outcome.evicted {
            try Self.countDrops(db, lane: lane, reason: .full, count: count)
        }
        for (lane, count) in outcome.rejected {
            try Self.countDrops(db, lane: lane, reason: .rejected, count: count)
        }
        // Covers every seq handed out so far, not only the stored ones: a seq sealed into a
        // batch that is retried after a restart must still be below the next one issued.
        let highWater = max(highestSeq, state.withLockedValue { $0.lastSeq })
        try Self.persistHighWater(db, highWater)
        working.lastSeq = max(working.lastSeq, highWater)
        if (!outcome.evicted.isEmpty || !outcome.rejected.isEmpty) && !working.boundReached {
            working.boundReached = true
            logger.warning(
                "queue full: evicting oldest wave, then vital batches (alarms are kept); drops are counted",
                metadata: [
                    "maxBytes": "\(maxBytes)", "evicted": "\(outcome.evicted)", "rejected": "\(outcome.rejected)",
                ])
        }
        outcome.stored = kept.map(\.id)
        return outcome
    }

    /// Lanes an incoming batch may evict: those in `Lane.evictionOrder` not more important than it
    /// (an alarm or vital may evict wave then vital; a wave only older waves).
    static func evictableLanes(for incoming: Lane) -> [Lane] {
        Lane.evictionOrder.filter { $0 >= incoming }
    }
}
