import GRDB
import GatewayModel

extension QueueStore {
    /// Deletes the oldest rows of `lane` until at least `needed` payload bytes are freed (or the
    /// lane is empty); returns what went, or nil if the lane was empty. Caller counts the drops.
    static func evictOldest(
        _ db: Database, lane: Lane, freeing needed: Int64
    ) throws -> (count: Int, bytes: Int64, throughID: Int64)? {
        let oldest = try db.cachedStatement(
            sql: "SELECT id, size FROM batch WHERE lane = ? AND id > ? ORDER BY id LIMIT 32")
        var count = 0
        var bytes: Int64 = 0
        var throughID: Int64 = 0
        scan: while bytes < needed {
            let rows = try Row.fetchAll(oldest, arguments: [lane.number, throughID])
            if rows.isEmpty { break }
            for row in rows {
                throughID = row[0]
                bytes += row[1] as Int64
                count += 1
                if bytes >= needed { break scan }
            }
        }
        guard count > 0 else { return nil }
        // Ids grow with insertion, so "this lane up to throughID" is exactly the rows scanned.
        try db.cachedStatement(sql: "DELETE FROM batch WHERE lane = ? AND id <= ?")
            .execute(arguments: [lane.number, throughID])
        return (count, bytes, throughID)
    }

    /// Adds to the persistent drop counter; runs in the transaction that dropped the rows, so a
    /// counted drop and the drop itself commit (or roll back) together.
    static func countDrops(_ db: Database, lane: Lane, reason: DropReason, count: Int) throws {
        guard count > 0 else { return }
        try db.cachedStatement(
            sql: """
                INSERT INTO drops (lane, reason, count) VALUES (?, ?, ?)
                ON CONFLICT (lane, reason) DO UPDATE SET count = count + excluded.count
                """
        ).execute(arguments: [lane.number, reason.rawValue, count])
    }

    /// Clears the "full" log latches once deletes or expiry made room again, so the next episode
    /// is logged too.
    func releaseBoundLatches(_ working: inout QueueState) {
        let total = working.totalBytes
        if working.overBound && total <= configuration.maxBytes {
            working.overBound = false
        }
        // 90 %: a queue hovering at the bound would otherwise log at every append.
        if working.boundReached && total <= configuration.maxBytes / 10 * 9 {
            working.boundReached = false
            logger.notice(
                "queue has room again", metadata: ["bytes": "\(total)", "maxBytes": "\(configuration.maxBytes)"])
        }
    }
}
