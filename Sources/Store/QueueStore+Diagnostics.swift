import GRDB
import GatewayModel

extension QueueStore {
    /// A pragma's value as the writer connection sees it (per-connection pragmas such as
    /// `synchronous` differ between connections); for tests and troubleshooting.
    func writerPragma(_ name: String) throws -> String? {
        try writerQuery("PRAGMA \(name)")
    }

    /// The first column of the first row of `sql`, run on the writer connection.
    func writerQuery(_ sql: String) throws -> String? {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: sql) }
    }

    /// Lane totals recomputed from the rows, to check the in-memory mirror against the file.
    func laneTotalsInFile() throws -> [Lane: LaneStats] {
        try pool.read { db in QueueState.everyLane(try Self.loadLaneTotals(db)) }
    }
}
