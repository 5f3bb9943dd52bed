import GRDB
import GatewayModel
import Logging

/// Raised inside `open` when the file is not a sound SQLite database; `open` quarantines it.
struct CorruptQueueFile: Error {
    var detail: String
}

extension QueueStore {
    /// Opens (or creates) the queue at `configuration.path`. A corrupt file (unreadable header,
    /// SQLITE_CORRUPT, or `quick_check` not "ok") is moved aside and a new queue started, so the
    /// daemon never crash-loops on a bad file; `quarantinedFile` then says where it went.
    /// Throws `QueueError` (e.g. `.cannotOpen` when the parent directory is missing).
    public static func open(_ configuration: QueueConfiguration, logger: Logger) throws -> QueueStore {
        try configuration.validate()
        do {
            return try connect(configuration, logger: logger, quarantinedFile: nil)
        } catch let corrupt as CorruptQueueFile {
            let moved = try quarantine(configuration.path, because: corrupt.detail, logger: logger)
            do {
                return try connect(configuration, logger: logger, quarantinedFile: moved)
            } catch let again as CorruptQueueFile {
                throw QueueError(
                    kind: .corrupt,
                    message: "new queue \(configuration.path) is unusable right after quarantine: \(again.detail)")
            }
        }
    }

    /// One attempt at opening: throws `CorruptQueueFile` for a bad file, `QueueError` otherwise.
    static func connect(
        _ configuration: QueueConfiguration, logger: Logger, quarantinedFile: String?
    ) throws -> QueueStore {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: configuration.path, configuration: databaseConfiguration(configuration))
        } catch let error as DatabaseError where error.indicatesCorruption {
            throw CorruptQueueFile(detail: "\(error.resultCode): \(error.message ?? "no message")")
        } catch {
            throw QueueError(error, while: "open \(configuration.path)")
        }
        do {
            try checkIntegrity(pool)
            try pool.barrierWriteWithoutTransaction { db in
                // GRDB's WAL setup forces synchronous=NORMAL after prepareDatabase, so the
                // durability setting must be applied here, on the (single, long-lived) writer.
                try db.execute(sql: "PRAGMA synchronous = \(configuration.sync.pragmaValue)")
                // A burst can grow the WAL; cap what stays on disk once it is checkpointed.
                try db.execute(sql: "PRAGMA journal_size_limit = \(16 << 20)")
                // Checkpoints run on their own connection (`checkpoint()`); the writer only steps in, far
                // later than SQLite's 1,000 pages, if nothing checkpoints (a tool that opens the queue alone).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.backstopCheckpointPages)")
            }
            try migrator.migrate(pool)
            let state = try pool.barrierWriteWithoutTransaction { db in try loadState(db) }
            let checkpointer = try DatabaseQueue(path: configuration.path, configuration: checkpointerConfiguration())
            let store = QueueStore(
                pool: pool, checkpointer: checkpointer, configuration: configuration, logger: logger,
                quarantinedFile: quarantinedFile, state: state)
            logger.info(
                "queue opened",
                metadata: [
                    "path": "\(configuration.path)", "batches": "\(state.totalBatches)",
                    "bytes": "\(state.totalBytes)", "maxBytes": "\(configuration.maxBytes)",
                    "sync": "\(configuration.sync.rawValue)",
                ])
            return store
        } catch {
            // Close before anyone renames the file: no connection may keep writing to it.
            try? pool.close()
            if error is CorruptQueueFile { throw error }
            if let error = error as? DatabaseError, error.indicatesCorruption {
                throw CorruptQueueFile(detail: "\(error.resultCode): \(error.message ?? "no message")")
            }
            throw QueueError(error, while: "open \(configuration.path)")
        }
    }

    /// Page cache per connection, in KiB.
    static let pageCacheKiB = 512
    /// WAL pages after which the writer checkpoints by itself: 64 MiB, a backstop for when `checkpoint()` is not run.
    static let backstopCheckpointPages = 16_384

    /// The checkpoint connection: it reads and copies pages, so it needs no cache to speak of.
    static func checkpointerConfiguration() -> Configuration {
        var database = Configuration()
        database.label = "vitalgate.queue.checkpoint"
        database.busyMode = .timeout(5)
        database.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -64")
            // A checkpoint syncs the WAL before copying it when its own connection says so; deletes commit
            // without that sync, so it must not depend on SQLite's compiled-in default.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return database
    }

    /// GRDB settings for every connection of the pool.
    static func databaseConfiguration(_ configuration: QueueConfiguration) -> Configuration {
        var database = Configuration()
        database.label = "vitalgate.queue"
        // Another process (e.g. a status command) may hold a lock briefly; wait rather than fail.
        database.busyMode = .timeout(5)
        // Readers serve the uplink and status; two are plenty on a 2-core box.
        database.maximumReaderCount = 2
        let maxPageCount = configuration.maxPageCount
        database.prepareDatabase { db in
            // Payloads are read once (uplink) or written once (commit), so a page cache mostly holds blobs that
            // will not be read again; SQLite's default 2 MiB per connection would be 6 MiB of dead weight
            // against the memory bound during a drain. B-tree interior pages of a queue fit in far less.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)")
            guard !db.configuration.readonly else { return }
            // Must run before GRDB's WAL setup, which creates (and drops) a table in a new file:
            // auto_vacuum can only leave NONE while no table was ever created.
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            if let maxPageCount {
                try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)")
            }
        }
        return database
    }

    /// `PRAGMA quick_check`: O(N) but catches damaged pages before the queue trusts them.
    static func checkIntegrity(_ pool: DatabasePool) throws {
        let report = try pool.barrierWriteWithoutTransaction { db in
            try String.fetchAll(db, sql: "PRAGMA quick_check")
        }
        guard report == ["ok"] else {
            throw CorruptQueueFile(detail: "quick_check: " + report.prefix(5).joined(separator: "; "))
        }
    }

    /// Reads the lane totals and seq high-water that the in-memory state mirrors.
    static func loadState(_ db: Database) throws -> QueueState {
        let highWater = try Int64.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [seqHighWaterKey])
        // The meta row is written with the schema; if it were ever missing, the clock-based base
        // of a fresh file is still above anything an older file can have issued.
        let persisted = highWater ?? (freshSequenceBase() - 1)
        // The high-water is persisted by commits, but an alarm batch goes upstream from memory before its commit
        // is durable: the seqs issued since the last commit may be at the receiver already, and one issued again
        // would be dropped there as a repeat. So a run starts well above the persisted value, and above the clock
        // base too (seqs grow by far less than 1,000 per millisecond), whichever is higher.
        let raised = persisted > Int64.max - sequenceGapAfterOpen ? Int64.max : persisted + sequenceGapAfterOpen
        let lastSeq = max(raised, freshSequenceBase() - 1)
        // Persisted at once: a second crash before any commit must not start from the same place again.
        try persistHighWater(db, UInt64(clamping: lastSeq))
        return QueueState(lanes: try loadLaneTotals(db), lastSeq: UInt64(clamping: lastSeq))
    }

    /// How far above the persisted high-water each run starts: far more seqs than are issued between two commits
    /// while the store works (one per batch).
    static let sequenceGapAfterOpen: Int64 = 1_000_000

    static func loadLaneTotals(_ db: Database) throws -> [Lane: LaneStats] {
        var lanes: [Lane: LaneStats] = [:]
        let rows = try Row.fetchAll(
            db, sql: "SELECT lane, count(*), coalesce(sum(size), 0) FROM batch GROUP BY lane")
        for row in rows {
            guard let lane = Lane(number: row[0]) else {
                throw QueueError(kind: .corrupt, message: "queue holds rows of unknown lane \(row[0] as Int)")
            }
            lanes[lane] = LaneStats(batches: row[1], bytes: row[2])
        }
        return lanes
    }
}
