import Foundation
import GatewayModel
import Store

/// The status JSON of DESIGN.md (`GET /v1/status`, `vitalgate status --json`).
public struct StatusDocument: Codable, Sendable {
    /// An upstream connection: the main one, or the one that carries the alarm lane alone.
    public struct Upstream: Codable, Sendable {
        public var url: String
        public var clientId: String?
        public var connected: Bool
        public var sinceUnixMs: Int64?
        public var lastAckUnixMs: Int64?
        public var inflight: Int
        public var reconnects: Int
        public var lastError: String?
    }

    /// Batches and bytes of one lane.
    public struct LaneFigures: Codable, Sendable {
        public var batches: Int
        public var bytes: Int64
    }

    /// The store-and-forward queue.
    public struct Queue: Codable, Sendable {
        public var batches: Int
        public var bytes: Int64
        public var maxBytes: Int64
        public var oldestAgeSeconds: Double?
        public var lanes: [String: LaneFigures]
        /// Dropped batches per lane, all reasons together.
        public var dropped: [String: Int64]
        /// Dropped batches per lane and reason (`full`, `age`, `rejected`, `seal`, `memory`, `exit`).
        public var droppedByReason: [String: [String: Int64]]
        public var degraded: String?
        public var quarantinedFile: String?
    }

    /// One configured device.
    public struct Device: Codable, Sendable {
        public var id: String
        public var profile: String
        public var source: String
        public var state: String
        public var lastSeenUnixMs: Int64?
        public var messages: Int
        public var samples: Int
        public var decodeErrors: Int
        public var unmappedValues: Int
        public var lostFrames: Int
        public var conditions: [String]
        public var lastError: String?
    }

    /// One active alarm.
    public struct Alarm: Codable, Sendable {
        public var id: String
        public var device: String
        public var channel: String
        public var rule: String
        public var priority: String
        public var since: Int64
        public var value: Double?
    }

    public var version: String
    public var gatewayId: String
    public var uptimeSeconds: Double
    public var upstream: Upstream
    /// The alarm-only connection to the same broker (while it is down, the main one carries alarms); absent
    /// without `upstream.alarmConnection`.
    public var alarmConnection: Upstream?
    public var queue: Queue
    public var devices: [Device]
    public var alarms: [Alarm]

    private static func upstream(_ link: UpstreamLinkState, url: String) -> Upstream {
        Upstream(
            url: url, clientId: link.clientID.isEmpty ? nil : link.clientID, connected: link.connected, sinceUnixMs: link.sinceUnixMs,
            lastAckUnixMs: link.lastAckUnixMs, inflight: link.inflight, reconnects: link.reconnects, lastError: link.lastError
        )
    }

    /// A device that has sent nothing for this long shows `stale`.
    static let staleAfterMs: Int64 = 30_000

    static func make(snapshot: GatewaySnapshot, queue stats: QueueStats?, maxBytes: Int64, version: String, now: Int64) -> StatusDocument {
        var lanes: [String: LaneFigures] = [:]
        var dropped: [String: Int64] = [:]
        var byReason: [String: [String: Int64]] = [:]
        for lane in Lane.allCases {
            let figures = stats?.lanes[lane]
            lanes[lane.rawValue] = LaneFigures(batches: figures?.batches ?? 0, bytes: figures?.bytes ?? 0)
            var reasons: [String: Int64] = [:]
            for (reason, count) in stats?.dropped[lane] ?? [:] where count > 0 { reasons[reason.rawValue] = count }
            for (reason, count) in snapshot.droppedBeforeQueue[lane] ?? [:] { reasons[reason, default: 0] += Int64(count) }
            dropped[lane.rawValue] = reasons.values.reduce(0, +)
            byReason[lane.rawValue] = reasons
        }
        let devices = snapshot.deviceOrder.compactMap { snapshot.devices[$0] }.map { device in
            var state = device.state
            if state == .ok, let seen = device.lastSeenUnixMs, now - seen > staleAfterMs { state = .stale }
            return Device(
                id: device.id, profile: device.profile, source: device.source, state: state.rawValue, lastSeenUnixMs: device.lastSeenUnixMs,
                messages: device.messages, samples: device.samples, decodeErrors: device.decodeErrors, unmappedValues: device.unmappedValues,
                lostFrames: device.lostFrames, conditions: device.conditions.sorted(), lastError: device.lastError
            )
        }
        let alarms = snapshot.activeAlarms.values.sorted { ($0.priorityRank, $0.since) < ($1.priorityRank, $1.since) }.map {
            Alarm(id: $0.id, device: $0.device, channel: $0.channel, rule: $0.rule, priority: $0.priority.rawValue, since: $0.since, value: $0.value)
        }
        return StatusDocument(
            version: version, gatewayId: snapshot.gatewayID, uptimeSeconds: Double(now - snapshot.startedUnixMs) / 1000,
            upstream: upstream(snapshot.upstream, url: snapshot.upstreamURL),
            alarmConnection: snapshot.alarmLink.map { upstream($0, url: snapshot.upstreamURL) },
            queue: Queue(
                batches: stats?.totalBatches ?? 0, bytes: stats?.totalBytes ?? 0, maxBytes: maxBytes,
                oldestAgeSeconds: stats?.oldestCreatedUnixMs.map { Double(now - $0) / 1000 }, lanes: lanes, dropped: dropped,
                droppedByReason: byReason, degraded: snapshot.degraded ?? (stats == nil ? "queue unreadable" : nil),
                quarantinedFile: snapshot.quarantinedQueue
            ),
            devices: devices, alarms: alarms
        )
    }
}
