import GatewayModel

/// Collects readings per lane and closes a lane's batch when it is old or big enough.
///
/// Readings wait here, in memory only, for at most the lane's `maxLatency`: that is the window a
/// crash can lose. Alarms (`maxLatency` zero) close at once.
struct Batcher: Sendable {
    /// A closed batch waiting to be sealed.
    struct Closed: Sendable {
        var lane: Lane
        var content: BatchContent
    }

    private struct OpenBatch: Sendable {
        var content = BatchContent()
        var deviceIDs: Set<String> = []
        var openedAt: ContinuousClock.Instant
        var estimatedBytes = 0
    }

    private let policies: [Lane: LanePolicy]
    private var open: [Lane: OpenBatch] = [:]

    init(policies: [Lane: LanePolicy]) { self.policies = policies }

    /// Readings waiting in open batches.
    var pendingReadings: Int { open.values.reduce(0) { $0 + $1.content.readingCount } }

    mutating func add(_ measurements: [Measurement], from device: DeviceInfo, lane: Lane, now: ContinuousClock.Instant) -> [Closed] {
        var batch = open[lane] ?? OpenBatch(openedAt: now)
        if batch.deviceIDs.insert(device.id).inserted { batch.content.devices.append(device) }
        batch.content.measurements.append(contentsOf: measurements)
        batch.estimatedBytes += measurements.count * 24
        open[lane] = batch
        return closeIfDue(lane, now: now)
    }

    mutating func add(_ events: [Event], devices: [DeviceInfo], now: ContinuousClock.Instant) -> [Closed] {
        guard !events.isEmpty else { return [] }
        var batch = open[.alarm] ?? OpenBatch(openedAt: now)
        for device in devices where batch.deviceIDs.insert(device.id).inserted { batch.content.devices.append(device) }
        batch.content.events.append(contentsOf: events)
        batch.estimatedBytes += events.count * 160
        open[.alarm] = batch
        return closeIfDue(.alarm, now: now)
    }

    /// Batches whose age reached their lane's `maxLatency`.
    mutating func due(now: ContinuousClock.Instant) -> [Closed] {
        Lane.byPriority.flatMap { closeIfDue($0, now: now) }
    }

    /// Every open batch, for shutdown.
    mutating func drain() -> [Closed] {
        let closed = Lane.byPriority.compactMap { lane in open[lane].map { Closed(lane: lane, content: $0.content) } }
        open.removeAll()
        return closed
    }

    private mutating func closeIfDue(_ lane: Lane, now: ContinuousClock.Instant) -> [Closed] {
        guard let batch = open[lane], !batch.content.isEmpty else { return [] }
        let policy = policies[lane] ?? LanePolicy.defaults(for: lane)
        guard now - batch.openedAt >= policy.maxLatency || batch.estimatedBytes >= policy.maxBytes else { return [] }
        open[lane] = nil
        return [Closed(lane: lane, content: batch.content)]
    }
}
