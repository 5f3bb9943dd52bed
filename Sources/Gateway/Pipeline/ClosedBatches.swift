import NIOConcurrencyHelpers
import Store

/// Closed batches on their way from the pipeline's task to the committer's, which takes all that wait
/// into one transaction: a slow commit delays the next commit, not the analysis, until `limitBytes` wait.
/// Alarm batches come sealed; the others are sealed by the committer's task, so sealing a large batch never
/// holds up the pipeline while an alarm waits in its inbox.
final class ClosedBatches: Sendable {
    /// What the committer takes in one go: sealed batches first, then those it seals itself.
    struct Taken: Sendable {
        var sealed: [PendingBatch] = []
        var toSeal: [Batcher.Closed] = []

        var count: Int { sealed.count + toSeal.count }
        var isEmpty: Bool { sealed.isEmpty && toSeal.isEmpty }
    }

    private struct Waiting {
        var taken = Taken()
        var bytes = 0
        /// The pipeline, while `bytes` are at the limit; resumed by the committer's next take.
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var finished = false

        mutating func takeRoomWaiters() -> [CheckedContinuation<Void, Never>] {
            defer { roomWaiters = [] }
            return roomWaiters
        }
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
            $0.taken.sealed += batches
            $0.bytes += bytes
        }
        continuation.yield()
    }

    /// Closed batches for the committer's task to seal, counted at their estimated size.
    func add(toSeal closed: [Batcher.Closed]) {
        guard !closed.isEmpty else { return }
        status.update { $0.sealedUncommitted += closed.count }
        let bytes = closed.reduce(0) { $0 + $1.estimatedBytes }
        waiting.withLockedValue {
            $0.taken.toSeal += closed
            $0.bytes += bytes
        }
        continuation.yield()
    }

    /// Returns once the batches waiting are below `limitBytes`: at once, unless a commit is taking long. Also returns
    /// when the task is cancelled or the hand-over is finished (`finish`). Only the pipeline's task calls it, so a
    /// cancellation may release every waiter.
    func waitForRoom() async {
        guard waiting.withLockedValue({ $0.bytes >= limitBytes && !$0.finished }) else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                // Checked under the lock: a take or a cancellation before this point would otherwise be missed.
                let waits = waiting.withLockedValue { waiting -> Bool in
                    guard waiting.bytes >= limitBytes, !waiting.finished, !Task.isCancelled else { return false }
                    waiting.roomWaiters.append(waiter)
                    return true
                }
                if !waits { waiter.resume() }
            }
        } onCancel: {
            for waiter in waiting.withLockedValue({ $0.takeRoomWaiters() }) { waiter.resume() }
        }
    }

    /// Pipeline waits parked now (for tests, which must act only once the wait began).
    var roomWaiterCount: Int { waiting.withLockedValue { $0.roomWaiters.count } }

    /// The committer is done with `count` batches: committed, or dropped and counted.
    func settled(_ count: Int) {
        guard count != 0 else { return }
        status.update { $0.sealedUncommitted -= count }
    }

    /// Wakes the committer without batches, for its retry back-off.
    func tick() { continuation.yield() }

    func takeAll() -> Taken {
        let (taken, waiters) = waiting.withLockedValue { waiting in
            defer {
                waiting.taken = Taken()
                waiting.bytes = 0
            }
            return (waiting.taken, waiting.takeRoomWaiters())
        }
        for waiter in waiters { waiter.resume() }
        return taken
    }

    /// No batches follow; the committer takes what is left and stops. A pipeline waiting for room goes on.
    func finish() {
        let waiters = waiting.withLockedValue { waiting in
            waiting.finished = true
            return waiting.takeRoomWaiters()
        }
        for waiter in waiters { waiter.resume() }
        continuation.finish()
    }
}
