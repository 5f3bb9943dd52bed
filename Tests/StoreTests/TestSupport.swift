import Foundation
import GatewayModel
import Logging
import Synchronization
import Testing

@testable import Store

/// A fresh directory for one test's queue files, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// The same, for a test that awaits.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url.path)
}

/// A configuration with a generous bound unless the test says otherwise.
func configuration(
    in directory: String, maxBytes: Int64 = 1 << 30, maxAge: Duration = .seconds(7 * 86_400),
    sync: SyncMode = .full, maxPageCount: Int? = nil
) -> QueueConfiguration {
    QueueConfiguration(
        path: directory + "/queue.sqlite", maxBytes: maxBytes, maxAge: maxAge, sync: sync,
        maxPageCount: maxPageCount)
}

/// Deterministic, recognisable payload bytes (the store treats them as opaque ciphertext).
func payload(_ size: Int, tag: UInt64) -> Data {
    var generator = tag &* 0x9E37_79B9_7F4A_7C15 | 1
    return Data((0..<size).map { _ in
        generator ^= generator << 13
        generator ^= generator >> 7
        generator ^= generator << 17
        return UInt8(truncatingIfNeeded: generator)
    })
}

/// A pending batch with a fresh seq from `store` and a payload of `size` bytes.
func pending(
    _ store: QueueStore, _ lane: Lane, size: Int = 64, createdUnixMs: Int64 = WallClock.nowUnixMs()
) -> PendingBatch {
    let seq = store.nextSequence()
    return PendingBatch(lane: lane, seq: seq, createdUnixMs: createdUnixMs, payload: payload(size, tag: seq))
}

/// Collects what the store logs, so tests can check that bad news is logged loudly.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata = [:]
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    func record(_ entry: Entry) { storage.withLock { $0.append(entry) } }

    var logger: Logger {
        Logger(label: "vitalgate.store.test") { _ in RecordingLogHandler(recorder: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.record(
            LogRecorder.Entry(
                level: event.level, message: event.message.description,
                metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}

/// Every row of every lane, oldest first.
func allBatches(_ store: QueueStore) throws -> [QueuedBatch] {
    try Lane.byPriority.flatMap { try store.fetch(lane: $0, afterID: 0, limit: 1_000_000) }
}

/// The in-memory totals must always equal what the file holds.
func expectMirrorMatchesFile(_ store: QueueStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let stats = try store.stats()
    let file = try store.laneTotalsInFile()
    #expect(stats.lanes == file, sourceLocation: sourceLocation)
    #expect(stats.totalBytes == file.values.reduce(0) { $0 + $1.bytes }, sourceLocation: sourceLocation)
}

let quietLogger = Logger(label: "vitalgate.store.test") { _ in SwiftLogNoOpLogHandler() }
