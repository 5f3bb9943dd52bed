import GRDB

extension QueueStore {
    /// Copies committed WAL pages into the database file (a PASSIVE checkpoint: it never blocks a writer).
    ///
    /// Run from the store's own connection: left to SQLite, the commit that fills the WAL past its threshold does
    /// the copy and the file's fsync inline, and the next alarm's commit (or the uplink, deleting acknowledged
    /// rows) waits for it. Returns the WAL's size in pages and how many of them are now in the file. Async: the
    /// copy and its fsync run on the connection's own queue, not on a thread of Swift's cooperative pool.
    @discardableResult
    public func checkpoint() async throws -> (walPages: Int, checkpointed: Int) {
        do {
            let result = try await checkpointer.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            return (result.walFrameCount, result.checkpointedFrameCount)
        } catch {
            throw QueueError(error, while: "checkpoint")
        }
    }
}
