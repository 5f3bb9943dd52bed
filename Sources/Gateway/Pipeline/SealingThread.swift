import Dispatch
import Store

/// Seals batches on a thread of its own: sealing a large batch takes milliseconds of CPU, which on Swift's
/// cooperative pool (one thread per core) would hold up the tasks that carry an alarm to the wire.
struct SealingThread: Sendable {
    let sealer: BatchSealer
    private let queue = DispatchQueue(label: "vitalgate.seal")

    init(_ sealer: BatchSealer) {
        self.sealer = sealer
    }

    /// The sealed batches in the order given; see `BatchSealer.seal`.
    func seal(_ closed: [Batcher.Closed]) async -> [PendingBatch] {
        await withCheckedContinuation { continuation in
            queue.async { [sealer] in continuation.resume(returning: sealer.seal(closed)) }
        }
    }
}
