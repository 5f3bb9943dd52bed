import NIOConcurrencyHelpers
import Store

/// Sealed batches on their way from the pipeline's task to the committer's, which takes all that wait
/// into one transaction: a slow commit delays the next commit, not the analysis, until `limitBytes` wait.
final class SealedBatches: Sendable {
    private struct Waiting {
        var batches: [PendingBatch] = []
        var bytes = 0
    }

    private let waiting = NIOLockedValueBox(Waiting())
    /// Above this the pipeline waits (`waitForRoom`), so a commit that hangs holds readings back in the
    /// inbox and the sensor broker rather than in memory. 4 MiB is most of a second of a full ward's
    /// waveforms: only a longer disk stall pauses the analysis.
    let limitBytes: Int
    private let continuation: AsyncStream<Void>.Continuation
    private let status: StatusBoard
    /// Yields after new batches or a tick; bursts coalesce.
    let wakes: AsyncStream<Void>

    init(status: StatusBoard, limitBytes: Int = 4 << 20) {
        self.status = status
        self.limitBytes = limitBytes
        (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func add(_ batches: [PendingBatch]) {
        guard !batches.isEmpty else { return }
        // Counted before the hand-over, so at every moment they show as pending readings, sealed or queued.
        status.update { $0.sealedUncommitted += batches.count }
        let bytes = batches.reduce(0) { $0 + $1.payload.count }
        waiting.withLockedValue {
            $0.batches += batches
            $0.bytes += bytes
        }
        continuation.yield()
    }

    /// Returns once the batches waiting are below `limitBytes`: at once, unless a commit is taking long.
    func waitForRoom() async {
        while waiting.withLockedValue({ $0.bytes >= limitBytes }), !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
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
            defer { waiting = Waiting() }
            return waiting.batches
        }
    }

    /// No batches follow; the committer takes what is left and stops.
    func finish() { continuation.finish() }
}
