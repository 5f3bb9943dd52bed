import GRDB

extension QueueStore {
    /// Gives the pages freed by deletes back to the filesystem (`auto_vacuum=INCREMENTAL` keeps them on the
    /// freelist until asked), `stepPages` at a time: after a drain that is tens of thousands of pages, and one
    /// step for all would hold the writer, and every alarm commit behind it, for seconds. Not synced: a power cut
    /// only leaves pages on the freelist. The file shrinks when the next checkpoint carries the truncation over.
    /// Async: between steps it waits for the writer off Swift's cooperative pool.
    public func incrementalVacuum(stepPages: Int = 256) async throws {
        let freePages = { try await self.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0 } }
        do {
            var left = try await freePages()
            while left > 0 {
                try await writeTransaction("incremental vacuum", durable: false) { db, _ in
                    try db.execute(sql: "PRAGMA incremental_vacuum(\(stepPages))")
                }
                let now = try await freePages()
                // No progress: a file made without auto_vacuum, whose free pages stay for SQLite to reuse.
                guard now < left else { break }
                left = now
            }
        } catch let error as QueueError {
            throw error
        } catch {
            throw QueueError(error, while: "incremental vacuum")
        }
    }
}
