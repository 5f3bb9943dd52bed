import GRDB
import GatewayModel

extension QueueStore {
    /// Removes acknowledged batches (after PUBACK) in one transaction. Ids already gone (evicted
    /// or expired meanwhile, or deleted twice) are ignored.
    ///
    /// Not synced: a power cut may bring the rows back, and they are sent again and dropped by the receiver as
    /// repeats (promise 2). An fsync here would hold the writer, and with it the next alarm's commit, for a
    /// disk flush per delete, while a drain deletes several times a second.
    public func delete(ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try writeTransaction("delete \(ids.count) batches", durable: false) { db, working in
            try remove(ids, db, &working)
        }
    }

    /// `delete` that suspends the caller instead of blocking its thread while the writer is busy (a commit's fsync).
    public func deleteSuspending(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await writeTransaction("delete \(ids.count) batches", durable: false) { db, working in
            try self.remove(ids, db, &working)
        }
    }

    private func remove(_ ids: [Int64], _ db: Database, _ working: inout QueueState) throws {
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
