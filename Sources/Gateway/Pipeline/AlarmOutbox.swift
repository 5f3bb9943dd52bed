import NIOConcurrencyHelpers
import Store

/// Sealed alarm batches offered to the uplink straight from memory: while their commit runs, so the
/// fsync is not on an alarm's path, and while the store refuses them (disk full, I/O errors), so an
/// alarm reaches the platform even when it cannot be made durable.
///
/// A batch sent from memory may also be committed. The uplink then meets its row in the queue and
/// asks `claim` whether to send it: a row whose batch is in flight on the same connection, or delivered, is
/// not sent again (one sent twice anyway, after a restart or by both connections around a switch-over of the
/// alarm lane, is dropped by the receiver's sequence check).
final class AlarmOutbox: Sendable {
    private struct State {
        var pending: [PendingBatch] = []
        /// Which connection sent each: only that one's PUBACK settles the batch's row.
        var inFlight: [UInt64: UplinkLink] = [:]
        /// Delivered from memory; waits for the committer (store failed) or the uplink (row committed) to ask.
        var delivered: Set<UInt64> = []

        func knows(_ seq: UInt64) -> Bool {
            inFlight[seq] != nil || delivered.contains(seq) || pending.contains { $0.seq == seq }
        }
    }

    /// What the uplink should do with an alarm row it read from the queue.
    enum Claim: Equatable {
        /// Not sent from memory (any more): send the row.
        case unsent
        /// Sent from memory on the asking connection, no PUBACK yet: the row goes with that PUBACK.
        case inFlight
        /// Sent from memory and acknowledged: delete the row without sending it.
        case delivered
    }

    /// Seqs kept in `delivered` at most; past it an arbitrary one is forgotten, which costs one repeat the receiver drops.
    private static let deliveredLimit = 4096
    private let state = NIOLockedValueBox(State())

    /// Alarm batches to send from memory; those already offered are not offered twice. Returns how many are new.
    @discardableResult
    func offer(_ batches: [PendingBatch]) -> Int {
        state.withLockedValue { state in
            let before = state.pending.count
            for batch in batches where !state.knows(batch.seq) { state.pending.append(batch) }
            return state.pending.count - before
        }
    }

    /// The next batch to publish, marked in flight on `link`.
    func next(for link: UplinkLink = .main) -> PendingBatch? {
        state.withLockedValue { state in
            guard !state.pending.isEmpty else { return nil }
            let batch = state.pending.removeFirst()
            state.inFlight[batch.seq] = link
            return batch
        }
    }

    /// Acknowledged upstream; the row, if one was committed, is deleted when the uplink claims it.
    func delivered(_ seq: UInt64) {
        state.withLockedValue { state in
            state.inFlight[seq] = nil
            if state.delivered.count >= Self.deliveredLimit { state.delivered.removeFirst() }
            state.delivered.insert(seq)
        }
    }

    /// Not acknowledged (connection lost): offered again, first; refused, it goes last, so newer alarms are not
    /// stuck behind one the broker keeps refusing. If its row is queued by now, the uplink claims that row when
    /// it meets it, so the batch still goes once per session.
    func returned(_ batch: PendingBatch, refused: Bool = false) {
        state.withLockedValue { state in
            guard state.inFlight.removeValue(forKey: batch.seq) != nil else { return }
            if refused { state.pending.append(batch) } else { state.pending.insert(batch, at: 0) }
        }
    }

    /// Done with a batch the uplink sent from memory and also met as a row: the row's fate is the uplink's now.
    func forget(_ seq: UInt64) {
        _ = state.withLockedValue { $0.inFlight.removeValue(forKey: seq) }
    }

    /// Whether the uplink already delivered this batch; forgets it once asked, as the committer asks once.
    func takeDelivered(_ seq: UInt64) -> Bool {
        state.withLockedValue { $0.delivered.remove(seq) != nil }
    }

    /// The store took these batches: those not sent yet go by the queue's path now.
    func stored(_ seqs: Set<UInt64>) {
        state.withLockedValue { state in state.pending.removeAll { seqs.contains($0.seq) } }
    }

    /// The uplink on `link` read this alarm's row from the queue: whether to send it. A batch in flight on the
    /// other connection does not count: that connection may end without a PUBACK, or be refused and keep the
    /// row to itself, so the row is sent here too.
    func claim(_ seq: UInt64, by link: UplinkLink = .main) -> Claim {
        state.withLockedValue { state in
            if state.delivered.remove(seq) != nil { return .delivered }
            if let sender = state.inFlight[seq] { return sender == link ? .inFlight : .unsent }
            state.pending.removeAll { $0.seq == seq }
            return .unsent
        }
    }
}
