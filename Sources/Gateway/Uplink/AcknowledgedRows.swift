import Logging
import NIOConcurrencyHelpers
import Store

/// Acknowledged queue rows on their way out, deleted on a task of their own: the uplink's loop hands them
/// over and goes on, so it never waits for the queue's writer (busy with a commit's fsync, say) while an
/// alarm may be waiting to be sent.
final class AcknowledgedRows: Sendable {
    private struct Rows {
        var pending: [Int64] = []
        /// Taken by the delete under way, which has not committed yet.
        var deleting = 0
    }

    private let rows = NIOLockedValueBox(Rows())
    private let continuation: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    private let store: QueueStore
    private let logger: Logger

    init(store: QueueStore, logger: Logger) {
        self.store = store
        self.logger = logger
        (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Rows handed over and not deleted yet.
    var count: Int { rows.withLockedValue { $0.pending.count + $0.deleting } }

    func add(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        rows.withLockedValue { $0.pending += ids }
        continuation.yield()
    }

    /// Deletes whatever was handed over, each wake; after `finish`, what is left, then returns.
    func run() async {
        for await _ in wakes { await deleteAll() }
        await deleteAll()
    }

    /// Ends `run` once the rows handed over so far are deleted (or their delete failed).
    func finish() { continuation.finish() }

    /// Waits (briefly) until the rows handed over are gone: a new session would otherwise send them again.
    func waitUntilDeleted(timeout: Duration = .seconds(2)) async {
        let deadline = ContinuousClock.now + timeout
        while count > 0, ContinuousClock.now < deadline, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
    }

    private func deleteAll() async {
        let ids = rows.withLockedValue { rows in
            defer {
                rows.deleting = rows.pending.count
                rows.pending.removeAll()
            }
            return rows.pending
        }
        do {
            try await store.deleteSuspending(ids: ids)
            rows.withLockedValue { $0.deleting = 0 }
        } catch {
            // Kept and retried shortly; at worst the batch is sent again and dropped upstream as a repeat.
            rows.withLockedValue {
                $0.pending = ids + $0.pending
                $0.deleting = 0
            }
            logger.error("deleting acknowledged batches failed: \(error)")
            try? await Task.sleep(for: .milliseconds(500))
            continuation.yield()
        }
    }
}
