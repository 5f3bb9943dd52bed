import Dispatch
import Store

/// Seals batches on a serial dispatch queue, off Swift's cooperative pool: sealing a large batch takes milliseconds
/// of CPU, which on the pool (one thread per core) would hold up the tasks that carry an alarm to the wire. Serial,
/// so a lane's batches get their sequence numbers in the order they closed.
struct SealingQueue: Sendable {
    private let seal: @Sendable ([Batcher.Closed]) -> [PendingBatch]
    private let queue = DispatchQueue(label: "vitalgate.seal")

    /// `seal` returns the batches it could seal, in the order given (`BatchSealer.seal` counts the others).
    init(seal: @escaping @Sendable ([Batcher.Closed]) -> [PendingBatch]) {
        self.seal = seal
    }

    init(_ sealer: BatchSealer) {
        self.init(seal: sealer.seal)
    }

    /// Seals `closed` after everything submitted before, and hands the result to `done` on the queue.
    func submit(_ closed: [Batcher.Closed], done: @escaping @Sendable ([PendingBatch]) -> Void) {
        queue.async { [seal] in done(seal(closed)) }
    }

    /// Runs `body` on the queue once everything submitted before it is sealed.
    func afterPending(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }
}
