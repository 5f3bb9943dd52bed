import NIOConcurrencyHelpers
import Store

/// Closed batches on their way from the pipeline's task to the committer's, which takes all that wait
/// into one transaction: a slow commit delays the next commit, not the analysis, until `limitBytes` wait.
/// Alarm batches come sealed; the others are sealed here as they arrive, on a queue of their own
/// (`SealingQueue`), so neither the pipeline, where the next alarm may wait, nor the commit waits for them.
final class ClosedBatches: Sendable {
    private struct Waiting {
        /// Above this the pipeline waits (`waitForRoom`), so a commit that hangs holds readings back in the
        /// inbox and the sensor broker rather than in memory. 4 MiB holds a few batches of a full ward, sealed or
        /// being sealed: only a longer disk stall pauses the analysis.
        let limit: Int
        var batches: [PendingBatch] = []
        var bytes = 0
        /// Memory held by batches still being sealed; counted against the limit with `bytes`.
        var sealingBytes = 0
        /// The pipeline, while the batches waiting are at the limit; resumed by the committer's next take, or by a
        /// seal that leaves them below it.
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var finished = false

        var isFull: Bool { bytes + sealingBytes >= limit }

        mutating func takeRoomWaiters() -> [CheckedContinuation<Void, Never>] {
            defer { roomWaiters = [] }
            return roomWaiters
        }
    }

    private let waiting: NIOLockedValueBox<Waiting>
    private let sealing: SealingQueue
    private let continuation: AsyncStream<Void>.Continuation
    private let status: StatusBoard
    /// Yields after new batches or a tick; bursts coalesce.
    let wakes: AsyncStream<Void>

    /// `sealing` seals what `add(toSeal:)` hands over.
    init(status: StatusBoard, limitBytes: Int = 4 << 20, sealing: SealingQueue) {
        self.status = status
        self.sealing = sealing
        waiting = NIOLockedValueBox(Waiting(limit: limitBytes))
        (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func add(_ batches: [PendingBatch]) {
        guard !batches.isEmpty else { return }
        assert(!waiting.withLockedValue(\.finished), "a batch handed over after finish() would never be committed")
        // Counted before the hand-over, so at every moment they show as pending readings, sealed or queued.
        status.update { $0.sealedUncommitted += batches.count }
        let bytes = batches.reduce(0) { $0 + $1.payload.count }
        waiting.withLockedValue {
            $0.batches += batches
            $0.bytes += bytes
        }
        continuation.yield()
    }

    /// Closed batches to seal before their commit, counted at the memory their readings take until they are sealed.
    func add(toSeal closed: [Batcher.Closed]) {
        guard !closed.isEmpty else { return }
        assert(!waiting.withLockedValue(\.finished), "a batch handed over after finish() would never be committed")
        status.update { $0.sealedUncommitted += closed.count }
        let held = closed.reduce(0) { $0 + $1.content.heldBytes }
        waiting.withLockedValue { $0.sealingBytes += held }
        sealing.submit(closed) { [self] sealed in
            // A batch that could not be sealed was dropped and counted by the sealer; it is settled here.
            settled(closed.count - sealed.count)
            let bytes = sealed.reduce(0) { $0 + $1.payload.count }
            let waiters = waiting.withLockedValue { waiting in
                waiting.batches += sealed
                waiting.bytes += bytes
                waiting.sealingBytes -= held
                return waiting.isFull ? [] : waiting.takeRoomWaiters()
            }
            for waiter in waiters { waiter.resume() }
            continuation.yield()
        }
    }

    /// Returns once the batches waiting are below `limitBytes`: at once, unless a commit or the sealing lags. Also returns
    /// when the task is cancelled or the hand-over is finished (`finish`). Only the pipeline's task calls it, so a
    /// cancellation may release every waiter.
    func waitForRoom() async {
        guard waiting.withLockedValue({ $0.isFull && !$0.finished }) else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                // Checked under the lock: a take or a cancellation before this point would otherwise be missed.
                let waits = waiting.withLockedValue { waiting -> Bool in
                    guard waiting.isFull, !waiting.finished, !Task.isCancelled else { return false }
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

    /// The sealed batches waiting, in the order they were sealed; the pipeline goes on if what is still being sealed
    /// leaves room.
    func takeAll() -> [PendingBatch] {
        let (batches, waiters) = waiting.withLockedValue { waiting in
            let batches = waiting.batches
            waiting.batches = []
            waiting.bytes = 0
            return (batches, waiting.isFull ? [] : waiting.takeRoomWaiters())
        }
        for waiter in waiters { waiter.resume() }
        return batches
    }

    /// No batches follow; the committer takes what is left, once the last seal is done, and stops. A pipeline waiting
    /// for room goes on.
    func finish() {
        let waiters = waiting.withLockedValue { waiting in
            waiting.finished = true
            return waiting.takeRoomWaiters()
        }
        for waiter in waiters { waiter.resume() }
        sealing.afterPending { [continuation] in continuation.finish() }
    }
}
