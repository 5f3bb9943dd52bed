import GRDB
import GatewayModel

extension QueueStore {
    /// Meta key of the persisted seq high-water (the largest seq handed out or stored).
    static let seqHighWaterKey = "seq_high_water"

    /// Versioned schema; `v1` also seeds the seq high-water of a brand-new file from the clock.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // AUTOINCREMENT: ids are never reused even after the newest row is deleted, so the
            // uplink's per-lane cursor cannot skip a new row that took an old id.
            // `size` duplicates length(payload) so eviction and totals never read the blobs.
            try db.execute(
                sql: """
                    CREATE TABLE batch (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        lane INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        created_ms INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        payload BLOB NOT NULL
                    );
                    -- (lane) is (lane, rowid) in SQLite: serves fetch and oldest-first eviction.
                    CREATE INDEX batch_by_lane ON batch(lane);
                    -- serves expiry and the oldest-batch figure without a table scan.
                    CREATE INDEX batch_by_lane_created ON batch(lane, created_ms);
                    CREATE TABLE drops (
                        lane INTEGER NOT NULL,
                        reason TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (lane, reason)
                    ) WITHOUT ROWID;
                    CREATE TABLE meta (
                        key TEXT NOT NULL PRIMARY KEY,
                        value INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
            // A brand-new file (first install, or after quarantine) starts at unix ms × 1000, far
            // above any seq a previous file can have reached, so the receiver's (gatewayId, seq)
            // dedup never mistakes a new batch for a repeat.
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES (?, ?)",
                arguments: [seqHighWaterKey, freshSequenceBase() - 1])
        }
        return migrator
    }

    /// The first seq of a brand-new queue file.
    static func freshSequenceBase() -> Int64 {
        max(WallClock.nowUnixMs(), 1) * 1000
    }
}
