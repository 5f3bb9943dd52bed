import CoreMetrics
import GatewayModel

/// The gateway's timing instruments: what each stage costs per item, and how long readings take from
/// entering the gateway to the upstream PUBACK of their batch.
struct PipelineTimers: Sendable {
    /// Per device message or frame chunk: parse and map to channels.
    var decode = StageTimer.off
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
    /// Where the committer leaves each batch's oldest arrival for the uplink to find at the PUBACK.
    var arrivals: BatchArrivals?

    static let off = PipelineTimers()

    /// A good PUBACK for batch `seq`: records how long its oldest reading took end to end.
    func acknowledged(seq: UInt64, lane: Lane, at now: ContinuousClock.Instant = .now) {
        guard let arrivals, let timer = readingLatency[lane], let arrived = arrivals.take(seq: seq) else { return }
        timer.record(now - arrived)
    }
}
