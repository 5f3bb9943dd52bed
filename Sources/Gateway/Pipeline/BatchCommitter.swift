import Foundation
import GatewayModel
import Logging
import Store
import Wire

/// Seals closed batches and commits them to the queue in one transaction, then wakes the uplink.
///
/// When the store refuses (disk full, I/O error), sealed batches wait in memory and are retried;
/// alarms are kept first, and what has to be dropped is counted.
struct BatchCommitter: Sendable {
    let gatewayID: String
    let sealer: Sealer
    let store: QueueStore
    let signal: QueueSignal
    let status: StatusBoard
    let logger: Logger
    /// Bound on sealed-but-uncommitted bytes kept for retry while the store fails.
    let retryLimitBytes: Int

    private var waiting: [PendingBatch] = []
    private var waitingBytes = 0

    init(gatewayID: String, sealer: Sealer, store: QueueStore, signal: QueueSignal, status: StatusBoard, logger: Logger, retryLimitBytes: Int = 32 << 20) {
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
                let payload = try sealer.seal(batch.content, header: header)
                waiting.append(PendingBatch(lane: batch.lane, seq: header.seq, createdUnixMs: header.createdUnixMs, payload: payload))
                waitingBytes += payload.count
                status.update { $0.batchesSealed[batch.lane, default: 0] += 1 }
            } catch {
                logger.error("sealing a \(batch.lane.rawValue) batch failed: \(error)")
            }
        }
        flush()
    }

    /// Retries what the store refused before; called on every tick.
    mutating func flush() {
        guard !waiting.isEmpty else { return }
        do {
            let outcome = try store.append(waiting)
            for batch in waiting { status.update { $0.batchesCommitted[batch.lane, default: 0] += 1 } }
            if !outcome.evicted.isEmpty || !outcome.rejected.isEmpty {
                logger.warning("queue full: evicted \(Self.describe(outcome.evicted)), refused \(Self.describe(outcome.rejected))")
            }
            waiting.removeAll(keepingCapacity: true)
            waitingBytes = 0
            status.update { if $0.degraded?.hasPrefix("store") == true { $0.degraded = nil } }
            signal.notify()
        } catch {
            status.update { $0.degraded = "store: \(error)" }
            logger.error("queue commit failed, \(waiting.count) sealed batch(es) kept in memory for retry: \(error)")
            shedIfOverLimit()
        }
    }

    /// Over the memory bound, drop the oldest waveform then vital batches; alarms stay.
    private mutating func shedIfOverLimit() {
        for lane in Lane.evictionOrder {
            while waitingBytes > retryLimitBytes, let index = waiting.firstIndex(where: { $0.lane == lane }) {
                let dropped = waiting.remove(at: index)
                waitingBytes -= dropped.payload.count
                logger.error("dropped a sealed \(lane.rawValue) batch (seq \(dropped.seq)): store unavailable and memory bound reached")
            }
        }
    }

    private static func describe(_ counts: [Lane: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    }
}
