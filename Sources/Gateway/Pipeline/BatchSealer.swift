import GatewayModel
import Logging
import Store
import Wire

/// Seals closed batches for the queue: alarm batches on the pipeline's task, and to the uplink at once; the others
/// on the hand-over's `SealingQueue`.
///
/// An alarm batch is offered to the uplink from memory as soon as it is sealed, so neither its own commit
/// nor one still running for earlier batches stands between the alarm and the wire (see `AlarmOutbox`).
struct BatchSealer: Sendable {
    let gatewayID: String
    let sealer: Sealer
    /// Hands out each batch's sequence number.
    let store: QueueStore
    let signal: QueueSignal
    let outbox: AlarmOutbox?
    let status: StatusBoard
    let logger: Logger
    let timers: PipelineTimers

    /// Sealed batches in the order given; one that cannot be sealed is logged, counted and left out.
    func seal(_ closed: [Batcher.Closed]) -> [PendingBatch] {
        var sealed: [PendingBatch] = []
        sealed.reserveCapacity(closed.count)
        for batch in closed {
            let header = BatchHeader(gatewayID: gatewayID, seq: store.nextSequence(), lane: batch.lane, createdUnixMs: WallClock.nowUnixMs())
            do {
                let payload = try timers.seal.measure { try sealer.seal(batch.content, header: header) }
                timers.arrivals?.sealed(seq: header.seq, oldestArrival: batch.arrivedAt, closedAt: batch.closedAt)
                let pending = PendingBatch(lane: batch.lane, seq: header.seq, createdUnixMs: header.createdUnixMs, payload: payload)
                sealed.append(pending)
                status.update { $0.batchesSealed[batch.lane, default: 0] += 1 }
                if batch.lane == .alarm, let outbox, outbox.offer([pending]) > 0 { signal.notify() }
            } catch {
                logger.error("sealing a \(batch.lane.rawValue) batch of \(batch.content.readingCount) readings failed; dropped: \(error)")
                status.recordDrop(lane: batch.lane, reason: "seal")
            }
        }
        return sealed
    }
}
