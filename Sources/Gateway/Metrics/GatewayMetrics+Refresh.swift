import GatewayModel
import Store

extension GatewayMetrics {
    func refresh(snapshot: GatewaySnapshot, queue: QueueStats?, maxBytes: Int64, nowUnixMs: Int64) {
        refreshDevices(snapshot)
        refreshLanes(snapshot, queue: queue)
        refreshUpstream(snapshot)
        refreshAlarms(snapshot)
        count(MetricCatalog.unroutable, total: Int64(snapshot.unroutableMessages))
        gauge(MetricCatalog.pendingReadings, Double(snapshot.pendingReadings))
        gauge(MetricCatalog.sealedUncommitted, Double(snapshot.sealedUncommitted))
        gauge(MetricCatalog.inboxInputs, Double(snapshot.inboxInputs))
        count(MetricCatalog.inboxWaits, total: Int64(snapshot.inboxWaits))
        count(MetricCatalog.urgentInputs, total: Int64(snapshot.urgentInputs))
        gauge(MetricCatalog.degraded, snapshot.degraded == nil ? 0 : 1)
        gauge(MetricCatalog.startTime, Double(snapshot.startedUnixMs) / 1000)
        gauge(MetricCatalog.queueLimit, Double(maxBytes))
        let oldestAgeMs = queue?.oldestCreatedUnixMs.map { max(0, nowUnixMs - $0) } ?? 0
        gauge(MetricCatalog.queueOldestAge, Double(oldestAgeMs) / 1000)
    }

    private func refreshDevices(_ snapshot: GatewaySnapshot) {
        for id in snapshot.deviceOrder {
            guard let device = snapshot.devices[id] else { continue }
            let labels = [("device", id)]
            count(MetricCatalog.deviceMessages, labels, total: Int64(device.messages))
            count(MetricCatalog.deviceSamples, labels, total: Int64(device.samples))
            count(MetricCatalog.deviceDecodeErrors, labels, total: Int64(device.decodeErrors))
            count(MetricCatalog.deviceFramesLost, labels, total: Int64(device.lostFrames))
            gauge(MetricCatalog.deviceUp, device.state == .ok ? 1 : 0, labels: labels)
        }
    }

    private func refreshLanes(_ snapshot: GatewaySnapshot, queue: QueueStats?) {
        for lane in Lane.allCases {
            let labels = [("lane", lane.rawValue)]
            count(MetricCatalog.batchesSealed, labels, total: Int64(snapshot.batchesSealed[lane] ?? 0))
            count(MetricCatalog.batchesCommitted, labels, total: Int64(snapshot.batchesCommitted[lane] ?? 0))
            count(MetricCatalog.batchesSent, labels, total: Int64(snapshot.batchesSent[lane] ?? 0))
            count(MetricCatalog.batchesAcknowledged, labels, total: Int64(snapshot.batchesAcked[lane] ?? 0))
            count(MetricCatalog.batchesRefused, labels, total: Int64(snapshot.batchesRefused[lane] ?? 0))
            for (reason, total) in Self.drops(lane, snapshot: snapshot, queue: queue) {
                count(MetricCatalog.batchesDropped, [("lane", lane.rawValue), ("reason", reason)], total: total)
            }
            if let delivery = timers.delivery {
                gauge(MetricCatalog.deliveryAllowance, delivery.allowance(for: lane) / .seconds(1), labels: labels)
            }
            if let stats = queue?.lanes[lane] {
                gauge(MetricCatalog.queueBatches, Double(stats.batches), labels: labels)
                gauge(MetricCatalog.queueBytes, Double(stats.bytes), labels: labels)
            }
        }
    }

    /// Drops in the queue (persisted there) and before it (this process), as one family.
    private static func drops(_ lane: Lane, snapshot: GatewaySnapshot, queue: QueueStats?) -> [(String, Int64)] {
        var totals: [String: Int64] = [:]
        for reason in DropReason.allCases { totals[reason.rawValue] = queue?.dropped[lane]?[reason] ?? 0 }
        for reason in ["seal", "memory", "exit"] { totals[reason] = Int64(snapshot.droppedBeforeQueue[lane]?[reason] ?? 0) }
        return totals.sorted { $0.key < $1.key }
    }

    private func refreshUpstream(_ snapshot: GatewaySnapshot) {
        gauge(MetricCatalog.upstreamConnected, snapshot.upstream.connected ? 1 : 0)
        gauge(MetricCatalog.upstreamInflight, Double(snapshot.upstream.inflight))
        count(MetricCatalog.upstreamReconnects, total: Int64(snapshot.upstream.reconnects))
        if let alarm = snapshot.alarmLink { gauge(MetricCatalog.upstreamAlarmConnected, alarm.connected ? 1 : 0) }
    }

    private func refreshAlarms(_ snapshot: GatewaySnapshot) {
        count(MetricCatalog.alarmsSuppressed, total: Int64(snapshot.eventsSuppressed))
        for priority in AlarmPriority.allCases {
            let labels = [("priority", priority.rawValue)]
            count(MetricCatalog.alarmsRaised, labels, total: Int64(snapshot.alarmsRaised[priority] ?? 0))
            gauge(MetricCatalog.alarmsActive, Double(snapshot.activeAlarms.values.count { $0.priority == priority }), labels: labels)
        }
    }
}
