import Foundation
import GRDB
import LocalLab
import Testing

/// A power cut mid-write, simulated by copying the queue's files (database, WAL, shared memory) while
/// the gateway commits under load, in no particular order: every copy must open as a readable queue.
@Suite(.serialized) struct PowerCutTests {
    /// SQLite's own integrity check and the row count of a copied queue.
    static func inspect(_ path: String) throws -> (check: String?, batches: Int) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            // Counting throws when a copy lost its batch table, which fails the test.
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") ?? 0)
        }
    }

    @Test func copiesTakenMidWriteAreAlwaysReadableQueues() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 3, vitalLatency: "50ms"))
        defer { lab.stopAll(); lab.dir.remove() }
        lab.upstream.stop()  // nothing drains: the queue only grows while we copy
        try await lab.startGatewayAndWait(upstream: false)
        let publisher = Task {
            for part in 0..<30 { try await lab.publish(SenMLTraffic.heartRates(count: 300, devices: 3, offset: part * 300).messages) }
        }
        var snapshots: [String] = []
        for index in 0..<20 {
            let target = lab.dir.file("cut-\(index)")
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            // WAL before the database on odd copies, after it on even ones: both orders happen in a crash.
            let files = ["queue.sqlite", "queue.sqlite-wal", "queue.sqlite-shm"]
            for name in index % 2 == 0 ? files : files.reversed() {
                _ = try? FileManager.default.copyItem(atPath: lab.dir.file(name), toPath: "\(target)/\(name)")
            }
            snapshots.append("\(target)/queue.sqlite")
            try await Task.sleep(for: .milliseconds(40))
        }
        try await publisher.value
        var rows: [Int] = []
        for path in snapshots {
            let (check, count) = try Self.inspect(path)
            #expect(check == "ok", "\(path): \(check ?? "nil")")
            rows.append(count)
        }
        #expect((rows.max() ?? 0) > 0, "the copies caught the queue growing: \(rows)")
        print("power cut: \(snapshots.count) copies mid-write, all pass integrity_check; batches per copy \(rows)")
    }
}
