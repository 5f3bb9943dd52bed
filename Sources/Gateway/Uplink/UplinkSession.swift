import Foundation
import GatewayModel
import Logging
import Store
import Transport

/// The state of one upstream connection: what is in flight, what was acknowledged, what to send next.
///
/// Rows stay in the queue until their PUBACK (reason < 0x80); a new session starts its cursors at
/// zero, so every unacknowledged batch is sent again after a reconnect or restart.
struct UplinkSession {
    private struct InFlight {
        var id: Int64
        var lane: Lane
        var seq: UInt64
        var sentAt: ContinuousClock.Instant
    }

    private struct Refused {
        var batch: QueuedBatch
        var retryAt: ContinuousClock.Instant
    }

    let client: MQTTClient
    let store: QueueStore
    let status: StatusBoard
    let logger: Logger
    let window: Int
    let topicForLane: [Lane: String]
    let refusalRetry: Duration

    private var inflight: [Int32: InFlight] = [:]
    private var cursors: [Lane: Int64] = [:]
    private var refused: [Refused] = []
    private var acknowledged: [Int64] = []
    private(set) var failed: String?

    init(client: MQTTClient, store: QueueStore, status: StatusBoard, logger: Logger, window: Int, topicForLane: [Lane: String], refusalRetry: Duration = .seconds(5)) {
        self.client = client
        self.store = store
        self.status = status
        self.logger = logger
        self.window = window
        self.topicForLane = topicForLane
        self.refusalRetry = refusalRetry
    }

    var inflightCount: Int { inflight.count }

    /// Fills the in-flight window, highest lane first, refused batches when their retry is due.
    mutating func pump() {
        guard failed == nil else { return }
        var room = window - inflight.count
        guard room > 0 else { return }
        let now = ContinuousClock.now
        for lane in Lane.byPriority where room > 0 {
            while room > 0, let index = refused.firstIndex(where: { $0.batch.lane == lane && $0.retryAt <= now }) {
                guard send(refused.remove(at: index).batch) else { return }
                room -= 1
            }
            guard room > 0 else { break }
            let rows: [QueuedBatch]
            do {
                rows = try store.fetch(lane: lane, afterID: cursors[lane] ?? 0, limit: room)
            } catch {
                logger.error("reading the queue failed: \(error)")
                return
            }
            for row in rows {
                cursors[lane] = row.id
                guard send(row) else { return }
                room -= 1
            }
        }
        let count = inflight.count
        status.update { $0.inflight = count }
    }

    private mutating func send(_ batch: QueuedBatch) -> Bool {
        do {
            let mid = try client.publish(topic: topicForLane[batch.lane]!, payload: batch.payload, qos: 1)
            inflight[mid] = InFlight(id: batch.id, lane: batch.lane, seq: batch.seq, sentAt: .now)
            return true
        } catch {
            failed = "publish failed: \(error)"
            return false
        }
    }

    /// A PUBACK: below 0x80 the row may go; otherwise the broker refused it and it is retried later.
    mutating func acknowledged(mid: Int32, reasonCode: Int) {
        guard let entry = inflight.removeValue(forKey: mid) else { return }
        if reasonCode < 0x80 {
            acknowledged.append(entry.id)
            let now = WallClock.nowUnixMs()
            status.update {
                $0.batchesAcked[entry.lane, default: 0] += 1
                $0.lastAckUnixMs = now
            }
        } else {
            logger.warning("upstream refused \(entry.lane.rawValue) batch seq \(entry.seq) with reason 0x\(String(reasonCode, radix: 16)); kept, retry in \(refusalRetry)")
            status.update { $0.batchesRefused[entry.lane, default: 0] += 1 }
            if let batch = try? store.fetch(lane: entry.lane, afterID: entry.id - 1, limit: 1).first, batch.id == entry.id {
                refused.append(Refused(batch: batch, retryAt: .now + refusalRetry))
            }
        }
    }

    /// Deletes acknowledged rows; batched because each delete is a synchronous commit.
    mutating func flushAcknowledged() {
        guard !acknowledged.isEmpty else { return }
        do {
            try store.delete(ids: acknowledged)
            acknowledged.removeAll(keepingCapacity: true)
        } catch {
            // Kept for the next flush; at worst the batch is sent again and deduplicated upstream.
            logger.error("deleting acknowledged batches failed: \(error)")
        }
    }

    var isIdle: Bool { inflight.isEmpty }
}
