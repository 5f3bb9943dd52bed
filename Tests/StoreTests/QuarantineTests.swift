import LocalLab
import Foundation
import GatewayModel
import Testing

@testable import Store

/// Ways a queue file gets damaged on a real box (bad flash, power loss mid-write, a stray copy).
enum Damage: String, CaseIterable, CustomTestStringConvertible {
    case randomHeader
    case truncatedHeader
    case truncatedBody
    case garbledPages
    case notSQLiteAtAll

    var testDescription: String { rawValue }

    func apply(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        var bytes = try Data(contentsOf: url)
        var random = SplitMix64(seed: 7)
        func noise(_ count: Int) -> Data { Data((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }) }
        switch self {
        case .randomHeader:
            bytes.replaceSubrange(0..<100, with: noise(100))
        case .truncatedHeader:
            bytes = bytes.prefix(40)
        case .truncatedBody:
            bytes = bytes.prefix(bytes.count / 3)
        case .garbledPages:
            // Keep page 1 (the header and schema) intact, scramble most of the rest.
            let start = 4096 * 3
            bytes.replaceSubrange(start..<bytes.count - 4096, with: noise(bytes.count - 4096 - start))
        case .notSQLiteAtAll:
            bytes = Data("queue: this is a YAML file someone copied over the queue\n".utf8)
        }
        try bytes.write(to: url)
    }
}

@Suite struct QuarantineTests {
    @Test(arguments: Damage.allCases)
    func corruptFileIsQuarantinedAndANewQueueStarts(_ damage: Damage) throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            var store = try QueueStore.open(config, logger: quietLogger)
            var oldSeqs: [UInt64] = []
            for _ in 0..<10 {
                let batches = (0..<20).map { _ in pending(store, .vital, size: 1000) }
                oldSeqs += batches.map(\.seq)
                _ = try store.append(batches)
            }
            try store.close()
            try damage.apply(to: config.path)
            // A leftover WAL of the damaged file must never be replayed into the new queue.
            try Data(repeating: 0xAB, count: 5000).write(to: URL(fileURLWithPath: config.path + "-wal"))
            // The receiver dedups by seq: make sure the wall clock has moved past the old file's start.
            Thread.sleep(forTimeInterval: 0.005)

            let recorder = LogRecorder()
            store = try QueueStore.open(config, logger: recorder.logger)
            let moved = try #require(store.quarantinedFile)
            #expect(moved.hasPrefix(config.path + ".corrupt-"))
            #expect(FileManager.default.fileExists(atPath: moved))
            #expect(recorder.entries.contains { $0.level == .critical && $0.message.contains("corrupt") })

            // The new queue is empty, healthy and usable.
            #expect(try store.stats().totalBatches == 0)
            #expect(try store.writerPragma("quick_check") == "ok")
            #expect(try store.writerPragma("journal_mode") == "wal")
            let fresh = pending(store, .alarm)
            #expect(fresh.seq > oldSeqs.max()!)
            #expect(try store.append([fresh]).stored.count == 1)
            #expect(try allBatches(store).map(\.payload) == [fresh.payload])
            try store.close()

            // And it is not quarantined again at the next start.
            store = try QueueStore.open(config, logger: quietLogger)
            #expect(store.quarantinedFile == nil)
            #expect(try store.stats().totalBatches == 1)
            #expect(store.nextSequence() > fresh.seq)
            try store.close()
        }
    }

    /// Damage confined to an index: opening, the schema and the lane totals never read it, so
    /// only `PRAGMA quick_check` at open can notice it before the queue trusts the file.
    @Test func quickCheckCatchesDamageOnlyAnIndexShows() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            var store = try QueueStore.open(config, logger: quietLogger)
            _ = try store.append((0..<300).map { _ in pending(store, .vital, size: 200) })
            let root = try #require(
                try store.writerQuery("SELECT rootpage FROM sqlite_master WHERE name = 'batch_by_lane_created'")
                    .flatMap(Int.init))
            let pageSize = try #require(try store.writerPragma("page_size").flatMap(Int.init))
            try store.close()

            let url = URL(fileURLWithPath: config.path)
            var bytes = try Data(contentsOf: url)
            let start = (root - 1) * pageSize
            bytes.replaceSubrange(start..<start + pageSize, with: Data(repeating: 0x5A, count: pageSize))
            try bytes.write(to: url)

            let recorder = LogRecorder()
            store = try QueueStore.open(config, logger: recorder.logger)
            #expect(store.quarantinedFile != nil)
            let critical = try #require(recorder.entries.first { $0.level == .critical })
            #expect(critical.metadata["detail"]?.description.hasPrefix("quick_check") == true)
            #expect(try store.stats().totalBatches == 0)
            try store.close()
        }
    }

    @Test func quarantineMovesTheFileAndItsCompanionsTogether() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/queue.sqlite"
            for (suffix, text) in [("", "main"), ("-wal", "wal"), ("-shm", "shm")] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path + suffix))
            }
            let recorder = LogRecorder()
            let moved = try QueueStore.quarantine(path, because: "test", logger: recorder.logger)
            for (suffix, text) in [("", "main"), ("-wal", "wal"), ("-shm", "shm")] {
                #expect(!FileManager.default.fileExists(atPath: path + suffix))
                #expect(try Data(contentsOf: URL(fileURLWithPath: moved + suffix)) == Data(text.utf8))
            }
            #expect(recorder.entries.contains { $0.level == .critical })
        }
    }

    @Test func twoQuarantinesKeepBothFiles() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            var moved: [String] = []
            for _ in 0..<2 {
                try Damage.notSQLiteAtAll.apply(to: try {
                    try Data("x".utf8).write(to: URL(fileURLWithPath: config.path))
                    return config.path
                }())
                let store = try QueueStore.open(config, logger: quietLogger)
                moved.append(try #require(store.quarantinedFile))
                try store.close()
            }
            #expect(Set(moved).count == 2)
            #expect(moved.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        }
    }

    @Test func quarantineStampIsReadableUTC() {
        #expect(QueueStore.quarantineStamp(unixMs: 1_750_000_000_123) == "20250615T150640.123Z")
    }
}
