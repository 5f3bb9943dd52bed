import GRDB
import GatewayModel

extension QueueStore {
    /// Runs `body` in one IMMEDIATE transaction on the writer and publishes the state it changed
    /// only after the commit, still on the writer queue, so the next write never sees stale totals
    /// and a rolled-back write (disk full, I/O error) leaves the mirror as it was.
    ///
    /// `durable: false` commits without waiting for the disk (WAL with `synchronous=NORMAL`): for changes a power
    /// cut may undo safely. The next durable commit syncs them along with its own.
    func writeTransaction<T>(
        _ action: @autoclosure () -> String, durable: Bool = true, _ body: (Database, inout QueueState) throws -> T
    ) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in try transaction(db, durable: durable, body) }
        } catch {
            throw QueueError(error, while: action())
        }
    }

    /// The same, waiting for the writer without holding a thread of Swift's cooperative pool: for maintenance
    /// that may queue behind a commit, where a blocked thread would be one of the few the uplink needs.
    func writeTransaction<T: Sendable>(
        _ action: @autoclosure () -> String, durable: Bool = true, _ body: @escaping @Sendable (Database, inout QueueState) throws -> T
    ) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in try self.transaction(db, durable: durable, body) }
        } catch {
            throw QueueError(error, while: action())
        }
    }

    private func transaction<T>(_ db: Database, durable: Bool, _ body: (Database, inout QueueState) throws -> T) throws -> T {
        // Set for every transaction, not only switched back after a non-durable one: a restore that
        // failed must not leave later appends committed without their fsync. The pragma does no I/O.
        try db.execute(sql: "PRAGMA synchronous = \(durable ? configuration.sync.pragmaValue : SyncMode.normal.pragmaValue)")
        defer {
            if !durable { try? db.execute(sql: "PRAGMA synchronous = \(configuration.sync.pragmaValue)") }
        }
        var working = state.withLockedValue { $0 }
        var result: T?
        do {
            try db.inTransaction(.immediate) {
                result = try body(db, &working)
                return .commit
            }
        } catch {
            resynchronize(db)
            throw error
        }
        state.withLockedValue { current in
            current.lanes = working.lanes
            current.boundReached = working.boundReached
            current.overBound = working.overBound
            // nextSequence() may have run meanwhile: never move the seq backwards.
            current.lastSeq = max(current.lastSeq, working.lastSeq)
        }
        guard let result else {
            throw QueueError(kind: .database, message: "transaction produced no result")
        }
        return result
    }

    /// After a failed transaction, reloads the lane totals from the file: if SQLite reported an
    /// error for a commit that did reach the disk, the mirror must follow the file, not the hope.
    private func resynchronize(_ db: Database) {
        guard !db.isInsideTransaction, let lanes = try? Self.loadLaneTotals(db) else { return }
        state.withLockedValue { $0.lanes = QueueState.everyLane(lanes) }
    }
}
