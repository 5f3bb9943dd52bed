import Foundation
import GatewayModel
import Logging
import Store
import Wire

/// Seals closed batches and commits them to the queue in one transaction, then wakes the uplink.
///
/// When the store refuses (disk full, I/O error), sealed batches wait in memory and commits are
/// retried with back-off; alarms are kept first, and whatever has to be dropped is counted.
struct BatchCommitter: Sendable {
    let gatewayID: String
    let sealer: Sealer
    let store: QueueStore
    let signal: QueueSignal
    let status: StatusBoard
    let logger: Logger
    /// Bound on sealed-but-uncommitted bytes kept for retry while the store fails.
    let retryLimitBytes: Int
    /// Where alarm batches go straight to the uplink while the store refuses them.
    let outbox: AlarmOutbox?
    let timers: PipelineTimers

    private var waiting: [PendingBatch] = []
    private var waitingBytes = 0
    /// Set while the store fails: no commit is tried before then.
    private var retryAt: ContinuousClock.Instant?
    private var retryDelay = Self.firstRetryDelay
    private static let firstRetryDelay = Duration.milliseconds(250)

    init(
        gatewayID: String, sealer: Sealer, store: QueueStore, signal: QueueSignal, status: StatusBoard, logger: Logger,
        retryLimitBytes: Int = 32 << 20, outbox: AlarmOutbox? = nil, timers: PipelineTimers = .off
    ) {
        self.outbox = outbox
        self.timers = timers
        self.gatewayID = gatewayID
        self.sealer = sealer
        self.store = store
        self.signal = signal
        self.status = status
        self.logger = logger
        self.retryLimitBytes = retryLimitBytes
    }

    mutating func commit(_ closed: [Batcher.Closed]) {
        for batch in closed {
            let header = BatchHeader(gatewayID: gatewayID, seq: store.nextSequence(), lane: batch.lane, createdUnixMs: WallClock.nowUnixMs())
            do {
                let payload = try timers.seal.measure { try sealer.seal(batch.content, header: header) }
                timers.arrivals?.sealed(seq: header.seq, oldestArrival: batch.arrivedAt)
                waiting.append(PendingBatch(lane: batch.lane, seq: header.seq, createdUnixMs: header.createdUnixMs, payload: payload))
                waitingBytes += payload.count
                status.update { $0.batchesSealed[batch.lane, default: 0] += 1 }
            } catch {
                logger.error("sealing a \(batch.lane.rawValue) batch of \(batch.content.readingCount) readings failed; dropped: \(error)")
                status.recordDrop(lane: batch.lane, reason: "seal")
            }
        }
        flush()
    }

    /// Commits what waits, unless a failed commit's back-off has not passed yet; called every tick.
    mutating func flush(now: ContinuousClock.Instant = .now) {
        dropDeliveredAlarms()
        guard !waiting.isEmpty else { return }
        if let retryAt, now < retryAt {
            shedIfOverLimit()
            return
        }
        do {
            let outcome = try timers.commit.measure { try store.append(waiting) }
            outbox?.withdraw(Set(waiting.map(\.seq)))
            record(outcome)
            if retryAt != nil {
                logger.notice("queue commits work again; \(waiting.count) waiting batch(es) committed")
                status.update { $0.degraded = nil }
            }
            retryAt = nil
            retryDelay = Self.firstRetryDelay
            waiting.removeAll(keepingCapacity: true)
            waitingBytes = 0
            signal.notify()
        } catch {
            if retryAt == nil {
                logger.error("queue commit failed; \(waiting.count) sealed batch(es) kept in memory and retried: \(error)")
                status.update { $0.degraded = "store: \(error)" }
            }
            retryAt = now + retryDelay
            retryDelay = min(retryDelay * 2, .seconds(5))
            shedIfOverLimit()
            offerAlarms()
        }
    }

    /// While the store fails, the uplink may still deliver alarms from memory.
    private func offerAlarms() {
        guard let outbox else { return }
        let alarms = waiting.filter { $0.lane == .alarm }
        guard !alarms.isEmpty else { return }
        outbox.offer(alarms)
        signal.notify()
    }

    /// Alarm batches the uplink delivered from memory need no commit any more.
    private mutating func dropDeliveredAlarms() {
        guard let outbox, waiting.contains(where: { $0.lane == .alarm }) else { return }
        let before = waiting.count
        waiting.removeAll { batch in
            guard batch.lane == .alarm, outbox.takeDelivered(batch.seq) else { return false }
            waitingBytes -= batch.payload.count
            return true
        }
        if waiting.count < before { logger.notice("\(before - waiting.count) alarm batch(es) delivered upstream from memory while the store failed") }
    }

    /// At shutdown: keeps trying until `deadline`; what still cannot be committed is counted and logged.
    mutating func flushBeforeExit(deadline: ContinuousClock.Instant) async {
        while !waiting.isEmpty, ContinuousClock.now < deadline {
            retryAt = nil
            flush()
            if !waiting.isEmpty { try? await Task.sleep(for: .milliseconds(250)) }
        }
        guard !waiting.isEmpty else { return }
        for batch in waiting { status.recordDrop(lane: batch.lane, reason: "exit") }
        logger.critical("\(waiting.count) sealed batch(es) could not be committed before exit and are lost: the store is unavailable")
        waiting.removeAll()
    }

    private func record(_ outcome: AppendOutcome) {
        var committed: [Lane: Int] = [:]
        for batch in waiting { committed[batch.lane, default: 0] += 1 }
        for (lane, count) in outcome.rejected { committed[lane, default: 0] -= count }
        status.update { snapshot in
            for (lane, count) in committed { snapshot.batchesCommitted[lane, default: 0] += count }
        }
        if !outcome.evicted.isEmpty || !outcome.rejected.isEmpty {
            logger.warning("queue full: evicted \(Self.describe(outcome.evicted)), refused \(Self.describe(outcome.rejected))")
        }
    }

    /// Over the memory bound, drop the oldest waveform then vital batches; alarms stay.
    private mutating func shedIfOverLimit() {
        for lane in Lane.evictionOrder {
            while waitingBytes > retryLimitBytes, let index = waiting.firstIndex(where: { $0.lane == lane }) {
                let dropped = waiting.remove(at: index)
                waitingBytes -= dropped.payload.count
                status.recordDrop(lane: lane, reason: "memory")
                logger.error("dropped a sealed \(lane.rawValue) batch (seq \(dropped.seq)): store unavailable and memory bound reached")
            }
        }
    }

    private static func describe(_ counts: [Lane: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    }
}
