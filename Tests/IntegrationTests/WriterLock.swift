import Foundation
import GRDB

/// Holds a queue file's writer lock on a thread of its own until a condition holds or time runs out.
final class WriterLock: @unchecked Sendable {
    /// What the lock waits for: the clock runs once `started`; the lock goes when `done`.
    struct Progress {
        var started: Bool
        var done: Bool
        var description: String
    }

    struct Outcome {
        /// Why the condition did not hold when the lock was released, or nil if it did.
        var unmet: String?
        var alarmRowsAtRelease: Int
    }

    private let locked = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?
    private var outcome = Outcome(unmet: "not run", alarmRowsAtRelease: -1)

    /// Holds the lock until `progress` is done, at most `limit` after it started (and a minute in all).
    init(_ db: DatabaseQueue, holdAtMost limit: Duration, progress: @escaping @Sendable () -> Progress) {
        let thread = Thread { [self] in
            do {
                try db.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
                locked.signal()
                var deadline = ContinuousClock.now + .seconds(60)
                var seen = progress()
                var clockRunning = false
                while !seen.done, ContinuousClock.now < deadline {
                    if seen.started, !clockRunning {
                        clockRunning = true
                        deadline = min(deadline, .now + limit)
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                    seen = progress()
                }
                outcome.unmet = seen.done ? nil : seen.description
                outcome.alarmRowsAtRelease = try db.inDatabase { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch WHERE lane = 1") ?? -1 }
                try db.inDatabase { try $0.execute(sql: "COMMIT") }
            } catch {
                self.error = error
                try? db.inDatabase { try $0.execute(sql: "ROLLBACK") }
                locked.signal()
            }
            done.signal()
        }
        thread.start()
    }

    func acquired() async throws {
        await Self.wait(locked)
        if let error { throw error }
    }

    func released() async throws -> Outcome {
        await Self.wait(done)
        if let error { throw error }
        return outcome
    }

    /// Off the cooperative pool: a semaphore wait there would hold one of its few threads.
    private static func wait(_ semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}
