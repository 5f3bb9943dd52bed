import Foundation
import GRDB

/// The durable memory of batches already written, by `(gatewayId, seq)`, so repeats are dropped;
/// `arrival` keeps the order batches came in, for audits of lane priority.
public final class SeenBatches: Sendable {
    private let database: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS seen (
                    arrival INTEGER PRIMARY KEY AUTOINCREMENT,
                    gateway TEXT NOT NULL, seq INTEGER NOT NULL, lane INTEGER NOT NULL, received_ms INTEGER NOT NULL,
                    UNIQUE (gateway, seq)
                )
                """)
        }
    }

    public func contains(gateway: String, seq: UInt64) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM seen WHERE gateway = ? AND seq = ?", arguments: [gateway, Int64(bitPattern: seq)]) ?? false
        }
    }

    /// Records a written batch; returns false when it was already there.
    @discardableResult
    public func insert(gateway: String, seq: UInt64, lane: Int, receivedUnixMs: Int64) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO seen (gateway, seq, lane, received_ms) VALUES (?, ?, ?, ?)",
                arguments: [gateway, Int64(bitPattern: seq), lane, receivedUnixMs]
            )
            return db.changesCount > 0
        }
    }

    public func count() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM seen") ?? 0 }
    }
}
