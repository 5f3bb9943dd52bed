import NIOConcurrencyHelpers
import Store

/// Sealed batches on their way from the pipeline's task to the committer's, which takes all that wait
/// into one transaction: a slow commit delays the next commit, never the analysis.
final class SealedBatches: Sendable {
    private let waiting = NIOLockedValueBox<[PendingBatch]>([])
    private let continuation: AsyncStream<Void>.Continuation
    private let status: StatusBoard
    /// Yields after new batches or a tick; bursts coalesce.
    let wakes: AsyncStream<Void>

    init(status: StatusBoard) {
        self.status = status
        (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func add(_ batches: [PendingBatch]) {
        guard !batches.isEmpty else { return }
        // Counted before the hand-over, so nobody sees them neither pending nor sealed nor queued.
        status.update { $0.sealedUncommitted += batches.count }
        waiting.withLockedValue { $0 += batches }
        continuation.yield()
    }

    /// The committer is done with `count` batches: committed, or dropped and counted.
    func settled(_ count: Int) {
        guard count != 0 else { return }
        status.update { $0.sealedUncommitted -= count }
    }

    /// Wakes the committer without batches, for its retry back-off.
    func tick() { continuation.yield() }

    func takeAll() -> [PendingBatch] {
        waiting.withLockedValue { waiting in
            defer { waiting.removeAll() }
            return waiting
        }
    }

    /// No batches follow; the committer takes what is left and stops.
    func finish() { continuation.finish() }
}
