import GatewayModel
import Logging
import Store

/// Commits sealed batches to the queue, all that wait in one transaction, then wakes the uplink. It runs on
/// a task of its own (`run(taking:)`), so a commit waiting for the disk holds up neither an alarm, which the
/// sealer has already offered to the uplink (`BatchSealer`), nor the analysis, within `ClosedBatches`' bound.
///
/// When the store refuses (disk full, I/O error), sealed batches wait in memory and commits are
/// retried with back-off; alarms are kept first, and whatever has to be dropped is counted.
struct BatchCommitter: Sendable {
    let store: QueueStore
    let signal: QueueSignal
    let status: StatusBoard
    let logger: Logger
    /// Bound on sealed-but-uncommitted bytes kept for retry while the store fails.
    let retryLimitBytes: Int
    /// Where the uplink reports alarm batches it delivered from memory, which then need no commit.
    let outbox: AlarmOutbox?
    let timers: PipelineTimers

    private var waiting: [PendingBatch] = []
    private var waitingBytes = 0
    /// Set while the store fails: no commit is tried before then.
    private var retryAt: ContinuousClock.Instant?
    private var retryDelay = Self.firstRetryDelay
    private static let firstRetryDelay = Duration.milliseconds(250)

    /// Sealed batches held for the next commit.
    var waitingCount: Int { waiting.count }

    init(
        store: QueueStore, signal: QueueSignal, status: StatusBoard, logger: Logger,
        retryLimitBytes: Int = 32 << 20, outbox: AlarmOutbox? = nil, timers: PipelineTimers = .off
    ) {
        self.outbox = outbox
        self.timers = timers
        self.store = store
        self.signal = signal
        self.status = status
        self.logger = logger
        self.retryLimitBytes = retryLimitBytes
    }

    /// Takes `sealed` and commits everything waiting, unless a failed commit's back-off has not passed yet.
    mutating func commit(_ sealed: [PendingBatch], now: ContinuousClock.Instant = .now) async {
        waiting += sealed
        waitingBytes += sealed.reduce(0) { $0 + $1.payload.count }
        dropDeliveredAlarms()
        guard !waiting.isEmpty else { return }
        if let retryAt, now < retryAt {
            shedIfOverLimit()
            return
        }
        do {
            let batches = waiting
            let outcome = try await timers.commit.measure { try await store.appendSuspending(batches) }
            if let outbox, waiting.contains(where: { $0.lane == .alarm }) {
                outbox.stored(Set(waiting.lazy.filter { $0.lane == .alarm }.map(\.seq)))
            }
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
        }
    }

    /// Alarm batches the uplink delivered from memory before their commit (a slow disk, a failing store) need none.
    private mutating func dropDeliveredAlarms() {
        guard let outbox, waiting.contains(where: { $0.lane == .alarm }) else { return }
        let before = waiting.count
        waiting.removeAll { batch in
            guard batch.lane == .alarm, outbox.takeDelivered(batch.seq) else { return false }
            waitingBytes -= batch.payload.count
            return true
        }
        if waiting.count < before, retryAt != nil {
            logger.notice("\(before - waiting.count) alarm batch(es) delivered upstream from memory while the store failed")
        }
    }

    /// At shutdown: keeps trying until `deadline`; what still cannot be committed is counted and logged.
    mutating func flushBeforeExit(deadline: ContinuousClock.Instant) async {
        while !waiting.isEmpty, ContinuousClock.now < deadline {
            retryAt = nil
            await commit([])
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
