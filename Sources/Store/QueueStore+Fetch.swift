import Foundation
import GRDB
import GatewayModel

extension QueueStore {
    /// Up to `limit` batches of `lane` with `afterID` < id ≤ `throughID`, oldest first. Runs on a WAL
    /// reader, so the uplink reads while the batcher commits.
    public func fetch(lane: Lane, afterID: Int64, throughID: Int64 = .max, limit: Int) throws -> [QueuedBatch] {
        guard limit > 0 else { return [] }
        do {
            return try pool.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT id, seq, created_ms, payload FROM batch WHERE lane = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?")
                return try Row.fetchAll(statement, arguments: [lane.number, afterID, throughID, limit]).map { row in
                    QueuedBatch(
                        id: row[0], lane: lane, seq: UInt64(bitPattern: row[1] as Int64), createdUnixMs: row[2],
                        payload: row[3])
                }
            }
        } catch {
            throw QueueError(error, while: "fetch \(lane.rawValue) batches")
        }
    }

    /// The id of the newest batch queued in `lane`, or 0 when the lane is empty.
    public func lastID(lane: Lane) throws -> Int64 {
        do {
            return try pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM batch WHERE lane = ?", arguments: [lane.number]) ?? 0
            }
        } catch {
            throw QueueError(error, while: "find the newest \(lane.rawValue) batch")
        }
    }
}
