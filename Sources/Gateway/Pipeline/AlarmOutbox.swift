import NIOConcurrencyHelpers
import Store

/// Sealed alarm batches the store could not take (disk full, I/O errors), offered to the uplink
/// straight from memory: an alarm must reach the platform even when it cannot be made durable.
///
/// The committer keeps retrying the same batches; one the uplink has delivered meanwhile is not
/// committed again (and one delivered twice is dropped by the receiver's sequence check).
final class AlarmOutbox: Sendable {
    private struct State {
        var pending: [PendingBatch] = []
        var inFlight: Set<UInt64> = []
        var delivered: Set<UInt64> = []
    }

    private let state = NIOLockedValueBox(State())

    /// Alarm batches waiting for the store; those already offered are not offered twice.
    func offer(_ batches: [PendingBatch]) {
        state.withLockedValue { state in
            let known = Set(state.pending.map(\.seq)).union(state.inFlight).union(state.delivered)
            state.pending += batches.filter { !known.contains($0.seq) }
        }
    }

    /// The next batch to publish, marked in flight.
    func next() -> PendingBatch? {
        state.withLockedValue { state in
            guard !state.pending.isEmpty else { return nil }
            let batch = state.pending.removeFirst()
            state.inFlight.insert(batch.seq)
            return batch
        }
    }

    func delivered(_ seq: UInt64) {
        state.withLockedValue { state in
            state.inFlight.remove(seq)
            state.delivered.insert(seq)
        }
    }

    /// Not acknowledged (refused, connection lost): offered again.
    func returned(_ batch: PendingBatch) {
        state.withLockedValue { state in
            guard state.inFlight.remove(batch.seq) != nil else { return }
            state.pending.insert(batch, at: 0)
        }
    }

    /// Whether the uplink already delivered this batch; forgets it once asked, as the committer asks once.
    func takeDelivered(_ seq: UInt64) -> Bool {
        state.withLockedValue { $0.delivered.remove(seq) != nil }
    }

    /// Stops offering: the store took the batches, the queue's own path carries them now.
    func withdraw(_ seqs: Set<UInt64>) {
        state.withLockedValue { state in state.pending.removeAll { seqs.contains($0.seq) } }
    }
}
