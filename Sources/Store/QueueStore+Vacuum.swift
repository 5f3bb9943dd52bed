import GRDB

extension QueueStore {
    /// Gives the pages freed by deletes back to the filesystem (`auto_vacuum=INCREMENTAL` keeps
    /// them on the freelist until asked), then checkpoints, because in WAL mode the file only
    /// shrinks when a checkpoint carries the truncation over.
    public func incrementalVacuum() throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            }
        } catch {
            throw QueueError(error, while: "incremental vacuum")
        }
    }
}
