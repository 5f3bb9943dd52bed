import GRDB
import GatewayModel

extension QueueStore {
    /// Removes acknowledged batches (after PUBACK) in one transaction. Ids already gone (evicted
    /// or expired meanwhile, or deleted twice) are ignored.
    public func delete(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try writeTransaction("delete \(ids.count) batches") { db, working in
            let statement = try db.cachedStatement(sql: "DELETE FROM batch WHERE id = ? RETURNING lane, size")
            for id in ids {
                for row in try Row.fetchAll(statement, arguments: [id]) {
                    guard let lane = Lane(number: row[0]) else { continue }
                    working.add(lane, count: -1, bytes: -(row[1] as Int64))
                }
            }
            releaseBoundLatches(&working)
        }
    }
}
