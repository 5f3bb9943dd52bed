import CoreMetrics
import Foundation
import GatewayModel
import Logging
import Store
import Transport

/// The state of one upstream connection: what is in flight, what was acknowledged, what to send next.
///
/// Rows stay in the queue until their PUBACK (reason < 0x80); a new session starts its cursors at
/// zero, so every unacknowledged batch is sent again after a reconnect or restart. Alarms committed
/// during the session overtake the alarms queued before it (`LaneCursors`). Alarm batches the sealer
/// hands over from memory go first of all, and their rows are then not sent again (`AlarmOutbox`).
struct UplinkSession {
    private struct InFlight {
        var id: Int64
        var lane: Lane
        var seq: UInt64
        var sentAt: ContinuousClock.Instant
        /// Counted against the bulk limit: vital and waveform batches, and the alarms queued before the session.
        var isBulk = false
        /// Set for an alarm sent from memory (before or instead of its commit): no row of its own to delete.
        var unstored: PendingBatch?
    }

    /// A lane whose last publish the broker refused: it rests, and its refused rows go first when it resumes.
    private struct Pause {
        var until: ContinuousClock.Instant
        var rows: [Int64]
    }

    let client: MQTTClient
    let store: QueueStore
    let status: StatusBoard
    let logger: Logger
    let window: Int
    let topicForLane: [Lane: String]
    /// How long a PUBACK may take before the connection is declared dead.
    let ackTimeout: Duration
    let timers: PipelineTimers
    let outbox: AlarmOutbox?
    /// The connection this session runs on: its lanes and where its status goes.
    let link: UplinkLink
    /// Whether the alarm lane and the outbox are this session's now (see `AlarmRoute`).
    let carriesAlarms: @Sendable () -> Bool

    private var inflight: [Int32: InFlight] = [:]
    private var inflightBulk = 0
    private var bulk: BulkWindow
    private var cursors: LaneCursors
    private var paused: [Lane: Pause] = [:]
    /// The next pause per lane: it doubles while the broker keeps refusing, and resets on a good PUBACK.
    private var refusalDelay: [Lane: Duration] = [:]
    private var acknowledged: [Int64] = []
    /// Queue rows of alarms in flight from memory, by seq: they go with that send's PUBACK.
    private var rowsSentFromMemory: [UInt64: Int64] = [:]
    /// Set after the broker refused an alarm sent from memory: no send from the outbox before then.
    private var outboxResumesAt: ContinuousClock.Instant?
    private(set) var failed: String?
    /// Set when the broker refused a batch on the alarm connection: the session ends there, and until the
    /// connection is tried again the main one carries the alarms (its ACL may allow what this one's does not).
    private(set) var refusedOnAlarmConnection = false

    init(
        client: MQTTClient, store: QueueStore, status: StatusBoard, logger: Logger, window: Int, topicForLane: [Lane: String],
        ackTimeout: Duration, timers: PipelineTimers = .off, outbox: AlarmOutbox? = nil, link: UplinkLink = .main,
        carriesAlarms: @escaping @Sendable () -> Bool = { true }
    ) {
        self.outbox = outbox
        self.link = link
        self.carriesAlarms = carriesAlarms
        self.client = client
        self.store = store
        self.status = status
        self.logger = logger
        self.window = window
        self.topicForLane = topicForLane
        self.ackTimeout = ackTimeout
        self.timers = timers
        self.bulk = BulkWindow(window: window)
        // Unreadable, the whole alarm lane counts as new: plain oldest-first order, as before a drain.
        self.cursors = LaneCursors(alarmBacklogEnd: (try? store.lastID(lane: .alarm)) ?? 0)
    }

    var inflightCount: Int { inflight.count }
    var isIdle: Bool { inflight.isEmpty }
    /// Acknowledged rows not yet handed over for deletion.
    var acknowledgedCount: Int { acknowledged.count }

    /// Fills the in-flight window, highest lane first; a paused lane waits out its back-off. New alarms may use the
    /// whole window; the backlog (vital and waveform batches, alarms queued before the session) only as much as
    /// `bulk` allows.
    mutating func pump(now: ContinuousClock.Instant = .now) {
        let alarms = carriesAlarms()
        while alarms, outboxResumesAt.map({ $0 <= now }) ?? true, inflight.count < window, failed == nil, let batch = outbox?.next(for: link),
            sendUnstored(batch) {}
        for lane in Lane.byPriority where failed == nil && (lane == .alarm ? alarms : link.sends(lane)) {
            let free = window - inflight.count
            var room = lane == .alarm ? free : min(free, bulk.limit - inflightBulk)
            guard room > 0 else { continue }
            if let pause = paused[lane] {
                guard pause.until <= now else { continue }
                guard resume(lane, room: &room) else { continue }
            }
            do {
                try pump(lane, room: &room)
            } catch {
                logger.error("reading the queue failed: \(error)")
                return
            }
        }
        let count = inflight.count
        status.update { [link] in $0[link: link].inflight = count }
    }

    /// Sends up to `room` of the lane's queued rows, span by span (see `LaneCursors`). The alarms queued before
    /// the session are backlog too: they share the bulk limit, so a new alarm queues behind few of them at the broker.
    private mutating func pump(_ lane: Lane, room: inout Int) throws {
        for span in cursors.spans(of: lane) {
            // A span lies wholly on one side of the alarm backlog's end, so its first row speaks for all.
            let isBulk = cursors.isBulk(lane, id: span.after + 1)
            let limit = isBulk ? min(room, bulk.limit - inflightBulk) : room
            guard limit > 0, failed == nil, paused[lane] == nil else { continue }
            let rows = try store.fetch(lane: lane, afterID: span.after, throughID: span.through, limit: limit)
            for row in rows where failed == nil && paused[lane] == nil {
                cursors.advance(lane, through: span.through, to: row.id)
                guard lane != .alarm || claim(row) else { continue }
                if send(row, isBulk: isBulk) { room -= 1 }
            }
            // Only when every row was taken: a pause mid-way leaves rows after the cursor to read on resume.
            if rows.count < limit, failed == nil, paused[lane] == nil { cursors.exhausted(lane, through: span.through) }
        }
    }

    /// Sends a paused lane's refused rows again; false while the lane stays paused.
    private mutating func resume(_ lane: Lane, room: inout Int) -> Bool {
        guard var pause = paused.removeValue(forKey: lane) else { return true }
        while room > 0, failed == nil, paused[lane] == nil, let id = pause.rows.first {
            // Backlog rows wait for the bulk limit here too; the rest stay in the pause for the next pump.
            if cursors.isBulk(lane, id: id), inflightBulk >= bulk.limit { break }
            pause.rows.removeFirst()
            // The row may have gone meanwhile (evicted, expired): then there is nothing to resend.
            guard let row = try? store.fetch(lane: lane, afterID: id - 1, limit: 1).first, row.id == id else { continue }
            if send(row, isBulk: cursors.isBulk(lane, id: row.id)) { room -= 1 }
        }
        if var again = paused[lane] {
            // Refused again while resending: the new pause keeps the rows not yet retried.
            again.rows += pause.rows
            paused[lane] = again
            return false
        }
        if !pause.rows.isEmpty { paused[lane] = pause }
        if paused[lane] == nil { logger.notice("upstream accepts \(lane.rawValue) batches again") }
        return paused[lane] == nil
    }

    private mutating func send(_ batch: QueuedBatch, isBulk: Bool) -> Bool {
        do {
            let mid = try timers.publish.measure { try client.publish(topic: topicForLane[batch.lane]!, payload: batch.payload, qos: 1) }
            inflight[mid] = InFlight(id: batch.id, lane: batch.lane, seq: batch.seq, sentAt: .now, isBulk: isBulk)
            if isBulk { inflightBulk += 1 }
            status.update { $0.batchesSent[batch.lane, default: 0] += 1 }
            return true
        } catch where client.isConnected {
            // The connection is fine, this message is not (too large for the broker, say): hold it.
            hold(batch.id, lane: batch.lane, seq: batch.seq, reason: "\(error)")
            return false
        } catch {
            failed = "publish failed: \(error)"
            return false
        }
    }

    /// An alarm published from memory (before its commit, or instead of it while the store fails), ahead of everything queued.
    private mutating func sendUnstored(_ batch: PendingBatch) -> Bool {
        do {
            let mid = try timers.publish.measure { try client.publish(topic: topicForLane[.alarm]!, payload: batch.payload, qos: 1) }
            inflight[mid] = InFlight(id: 0, lane: .alarm, seq: batch.seq, sentAt: .now, unstored: batch)
            status.update { $0.batchesSent[.alarm, default: 0] += 1 }
            return true
        } catch {
            outbox?.returned(batch, refused: client.isConnected)
            if client.isConnected { pauseOutbox(seq: batch.seq, reason: "\(error)") } else { failed = "publish failed: \(error)" }
            return false
        }
    }

    /// Whether an alarm row still needs sending: not if its batch went from memory (see `AlarmOutbox`).
    private mutating func claim(_ row: QueuedBatch) -> Bool {
        switch outbox?.claim(row.seq, by: link) ?? .unsent {
        case .unsent:
            return true
        case .inFlight:
            rowsSentFromMemory[row.seq] = row.id
        case .delivered:
            acknowledged.append(row.id)
        }
        return false
    }

    /// At the end of a session: alarms sent from memory and not acknowledged are offered again.
    mutating func returnUnstored() {
        for entry in inflight.values { if let batch = entry.unstored { outbox?.returned(batch) } }
    }

    /// A PUBACK: below 0x80 the row may go; otherwise the broker refused it and it is kept.
    mutating func acknowledged(mid: Int32, reasonCode: Int) {
        guard let entry = inflight.removeValue(forKey: mid) else { return }
        let now = ContinuousClock.now
        if entry.isBulk { inflightBulk -= 1 }
        let good = reasonCode < 0x80
        if good {
            bulk.acknowledged(after: now - entry.sentAt, now: now)
            // Reading latency first: a scrape in between then never sees a PUBACK without its reading latency.
            timers.acknowledged(seq: entry.seq, lane: entry.lane, sentAt: entry.sentAt, at: now)
            timers.puback.record(now - entry.sentAt)
        }
        record(good, lane: entry.lane)
        if let batch = entry.unstored {
            acknowledgedFromMemory(batch, reasonCode: reasonCode)
        } else if good {
            acknowledged.append(entry.id)
        } else {
            hold(entry.id, lane: entry.lane, seq: entry.seq, reason: Self.describe(reasonCode))
        }
    }

    private static func describe(_ reasonCode: Int) -> String { "reason code 0x\(String(reasonCode, radix: 16))" }

    /// Counts a PUBACK; a good one ends its lane's refusal episode.
    private mutating func record(_ good: Bool, lane: Lane) {
        guard good else {
            status.update { $0.batchesRefused[lane, default: 0] += 1 }
            return
        }
        refusalDelay[lane] = nil
        let nowUnixMs = WallClock.nowUnixMs()
        status.update { [link] in
            $0.batchesAcked[lane, default: 0] += 1
            $0[link: link].lastAckUnixMs = nowUnixMs
        }
    }

    /// The PUBACK of an alarm sent from memory. Once its row is queued, the row goes with it, or stays and is
    /// retried like any refused row; before that, the outbox keeps the batch and rests after a refusal.
    private mutating func acknowledgedFromMemory(_ batch: PendingBatch, reasonCode: Int) {
        let good = reasonCode < 0x80
        if let rowID = rowsSentFromMemory.removeValue(forKey: batch.seq) {
            outbox?.forget(batch.seq)
            if good { acknowledged.append(rowID) } else { hold(rowID, lane: .alarm, seq: batch.seq, reason: Self.describe(reasonCode)) }
        } else if good {
            outbox?.delivered(batch.seq)
        } else {
            outbox?.returned(batch, refused: true)
            pauseOutbox(seq: batch.seq, reason: Self.describe(reasonCode))
        }
    }

    /// Rests the outbox after a refusal, on the alarm lane's back-off, instead of sending the batch again at once.
    private mutating func pauseOutbox(seq: UInt64, reason: String) {
        if link == .alarm { return endAfterRefusal(seq: seq, reason: reason) }
        let delay = refusalDelay[.alarm] ?? .seconds(1)
        refusalDelay[.alarm] = min(delay * 2, .seconds(60))
        if delay == .seconds(1) {
            logger.warning("upstream refused alarm batch seq \(seq) sent from memory (\(reason)); it is retried with back-off")
        }
        outboxResumesAt = .now + delay
    }

    /// Keeps a batch queued and pauses its lane; logs once per episode, not per batch.
    private mutating func hold(_ id: Int64, lane: Lane, seq: UInt64, reason: String) {
        if link == .alarm { return endAfterRefusal(seq: seq, reason: reason) }
        if var pause = paused[lane] {
            pause.rows.append(id)
            paused[lane] = pause
            return
        }
        let delay = refusalDelay[lane] ?? .seconds(1)
        refusalDelay[lane] = min(delay * 2, .seconds(60))
        if delay == .seconds(1) {
            logger.warning("upstream refused \(lane.rawValue) batch seq \(seq) (\(reason)); it stays queued and the lane retries with back-off")
        }
        paused[lane] = Pause(until: .now + delay, rows: [id])
    }

    /// The refused batch stays queued (or in the outbox) for the main connection, which the ending wakes.
    private mutating func endAfterRefusal(seq: UInt64, reason: String) {
        refusedOnAlarmConnection = true
        failed = failed ?? "the broker refused alarm batch seq \(seq) (\(reason))"
    }

    /// Fails the session when a PUBACK is overdue: the link is dead even if TCP has not noticed.
    mutating func checkAckTimeout(now: ContinuousClock.Instant = .now) {
        guard let oldest = inflight.values.map(\.sentAt).min(), now - oldest > ackTimeout else { return }
        failed = "no PUBACK for \(ackTimeout)"
    }

    /// Acknowledged rows to delete, handed over once (`AcknowledgedRows` deletes them off this loop).
    mutating func takeAcknowledged() -> [Int64] {
        defer { acknowledged.removeAll(keepingCapacity: true) }
        return acknowledged
    }
}
