import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct PragmaTests {
    @Test func defaultsAreWalFullSyncAndIncrementalVacuum() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            let store = try QueueStore.open(config, logger: quietLogger)
            #expect(try store.writerPragma("journal_mode") == "wal")
            #expect(try store.writerPragma("synchronous") == "2")
            #expect(try store.writerPragma("auto_vacuum") == "2")
            #expect(try store.writerPragma("busy_timeout").flatMap(Int.init).map { $0 > 0 } == true)
            #expect(try store.writerPragma("cache_size") == "-\(QueueStore.pageCacheKiB)")
            #expect(try store.pool.read { try String.fetchOne($0, sql: "PRAGMA cache_size") } == "-\(QueueStore.pageCacheKiB)", "readers too")
            try store.close()

            // The file itself says so too: header bytes 18/19 = 2 (WAL), byte 64.. = incremental.
            let header = try Data(contentsOf: URL(fileURLWithPath: config.path)).prefix(100)
            #expect(header[18] == 2 && header[19] == 2)
            #expect(header[64..<68].contains { $0 != 0 })
        }
    }

    @Test func deletesAndVacuumCommitUnsyncedAndLeaveTheWriterAtFull() async throws {
        try await withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            let ids = try store.append((0..<20).map { _ in pending(store, .wave, size: 4000) }).stored
            try store.delete(ids: ids)
            #expect(try store.writerPragma("synchronous") == "2", "back to FULL after an unsynced delete")
            try await store.incrementalVacuum()
            #expect(try store.writerPragma("synchronous") == "2", "and after the vacuum steps")
            try store.close()
        }
    }

    @Test func normalSyncIsHonoured() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory, sync: .normal), logger: quietLogger)
            #expect(try store.writerPragma("synchronous") == "1")
            #expect(try store.writerPragma("journal_mode") == "wal")
            try store.close()
        }
    }
}
