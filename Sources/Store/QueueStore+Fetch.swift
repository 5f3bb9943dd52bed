import Foundation
import GRDB
import GatewayModel

extension QueueStore {
    /// Up to `limit` batches of `lane` with id > `afterID`, oldest first. Runs on a WAL reader,
    /// so the uplink reads while the batcher commits.
    public func fetch(lane: Lane, afterID: Int64, limit: Int) throws -> [QueuedBatch] {
        guard limit > 0 else { return [] }
        do {
            return try pool.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT id, seq, created_ms, payload FROM batch WHERE lane = ? AND id > ? ORDER BY id LIMIT ?")
                return try Row.fetchAll(statement, arguments: [lane.number, afterID, limit]).map { row in
                    QueuedBatch(
                        id: row[0], lane: lane, seq: UInt64(bitPattern: row[1] as Int64), createdUnixMs: row[2],
                        payload: row[3])
                }
            }
        } catch {
            throw QueueError(error, while: "fetch \(lane.rawValue) batches")
        }
    }
}
