import CoreMetrics
import GatewayModel

/// The gateway's timing instruments: what each stage costs per item, and how long readings take from
/// entering the gateway to the upstream PUBACK of their batch.
struct PipelineTimers: Sendable {
    /// Per device message or frame chunk: parse and map to channels.
    var decode = StageTimer.off
    /// Per device message: from entering the gateway to the analysis taking it (the receive buffer, decoding, the inbox).
    var inputWait = StageTimer.off
    /// Per pipeline input: detectors, rhythm and NEWS2.
    var analyse = StageTimer.off
    /// Per pipeline tick: missing-data alarms and due snippets (batches due are sealed under `seal`).
    var tick = StageTimer.off
    /// Per batch: encode, compress and HPKE-seal.
    var seal = StageTimer.off
    /// Per queue transaction (several batches, one fsync with `sync: full`).
    var commit = StageTimer.off
    /// Per batch handed to libmosquitto (TLS write included when the socket takes it at once).
    var publish = StageTimer.off
    /// Per batch: from publishing to the PUBACK.
    var puback = StageTimer.off
    /// Per PUBACK: from libmosquitto's network thread reporting it to the uplink task taking it, the part of
    /// `puback` spent inside the gateway: two stream hops, a thread of Swift's pool, and the uplink finishing
    /// earlier inputs (its pump and deletes).
    var handoff = StageTimer.off
    /// Per batch and lane: from its oldest reading entering the gateway to its PUBACK.
    var readingLatency: [Lane: StageTimer] = [:]
    /// Per acknowledged batch and lane: from its oldest reading entering the gateway to its publish, the part of
    /// `readingLatency` before the broker.
    var readingToPublish: [Lane: StageTimer] = [:]
    /// Per acknowledged batch and lane: from its oldest reading entering the gateway to the batch closing, the part of
    /// `readingToPublish` before the sealing and the uplink; for an alarm, the wait to be analysed.
    var readingToClose: [Lane: StageTimer] = [:]
    /// Where the sealer leaves each batch's times for the uplink to find at the PUBACK.
    var arrivals: BatchArrivals?
    /// Not a timer but fed like one: learns at each PUBACK (given `arrivals`) how long batches took once closed, which
    /// the batcher then closes early by.
    var delivery: DeliveryAllowance?

    static let off = PipelineTimers()

    /// A good PUBACK for batch `seq`, published at `sentAt`: records how long its oldest reading took end to end, up
    /// to the publish and up to its batch closing, and teaches `delivery` how long the batch took once closed.
    func acknowledged(seq: UInt64, lane: Lane, sentAt: ContinuousClock.Instant, at now: ContinuousClock.Instant = .now) {
        guard let entry = arrivals?.take(seq: seq) else { return }
        readingLatency[lane]?.record(now - entry.oldestArrival)
        readingToPublish[lane]?.record(sentAt - entry.oldestArrival)
        readingToClose[lane]?.record(entry.closedAt - entry.oldestArrival)
        delivery?.record(lane, now - entry.closedAt)
    }
}
