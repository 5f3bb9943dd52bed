import GatewayModel

/// Collects readings per lane and closes a lane's batch when it is old or big enough.
///
/// Readings wait here, in memory only, for at most the lane's `maxLatency` counted from when the
/// oldest entered the gateway: that is the window a crash can lose. Alarms (`maxLatency` zero) close
/// at once. A batch closes early enough for its PUBACK to land within the window too, by what `delivery`
/// learnt (at most a quarter of the window).
struct Batcher: Sendable {
    /// A closed batch waiting to be sealed.
    struct Closed: Sendable {
        var lane: Lane
        var content: BatchContent
        /// When its oldest reading entered the gateway.
        var arrivedAt: ContinuousClock.Instant
        /// When the batcher closed it: the start of the time `DeliveryAllowance` learns.
        var closedAt: ContinuousClock.Instant
    }

    private struct OpenBatch: Sendable {
        var content = BatchContent()
        var deviceIDs: Set<String> = []
        var openedAt: ContinuousClock.Instant?
        var estimatedBytes = 0

        var isEmpty: Bool { content.isEmpty }

        mutating func start(at arrival: ContinuousClock.Instant) {
            openedAt = min(openedAt ?? arrival, arrival)
        }

        mutating func include(_ device: DeviceInfo) {
            if deviceIDs.insert(device.id).inserted { content.devices.append(device) }
        }
    }

    private let policies: [LanePolicy]
    /// Batches are closed by the pipeline's periodic tick, which runs at this interval; closing on the
    /// last tick before the deadline (not the first after it) keeps every reading within `maxLatency`.
    let tick: Duration
    /// How much earlier than the deadline batches close; nil: on the deadline a tick early alone.
    let delivery: DeliveryAllowance?
    /// One slot per lane, indexed by `Lane.number - 1`, always mutated in place: copying a batch
    /// out and back would copy its growing arrays on every append.
    private var open: [OpenBatch] = Array(repeating: OpenBatch(), count: Lane.allCases.count)

    /// How often the pipeline checks open batches against their deadlines and runs missing-data alarms.
    static let defaultTick = Duration.milliseconds(25)

    init(policies: [Lane: LanePolicy], tick: Duration = Batcher.defaultTick, delivery: DeliveryAllowance? = nil) {
        self.tick = tick
        self.delivery = delivery
        self.policies = Lane.allCases.sorted { $0.number < $1.number }.map { policies[$0] ?? LanePolicy.defaults(for: $0) }
    }

    /// Readings waiting in open batches.
    var pendingReadings: Int { open.reduce(0) { $0 + $1.content.readingCount } }

    /// `arrivedAt`: when the readings entered the gateway, if earlier than `now`.
    mutating func add(
        _ measurements: [Measurement], from device: DeviceInfo, lane: Lane, arrivedAt: ContinuousClock.Instant? = nil,
        now: ContinuousClock.Instant
    ) -> [Closed] {
        let slot = lane.number - 1
        open[slot].start(at: arrivedAt ?? now)
        open[slot].include(device)
        open[slot].content.measurements.append(contentsOf: measurements)
        open[slot].estimatedBytes += measurements.count * 24
        return closeIfFull(lane, now: now)
    }

    /// Waveform chunks travel on the `wave` lane, whatever lane the device's numerics use; an alarm's
    /// snippet goes on the `alarm` lane with its event.
    mutating func add(
        _ waveforms: [WaveformChunk], from device: DeviceInfo, lane: Lane = .wave, arrivedAt: ContinuousClock.Instant? = nil,
        now: ContinuousClock.Instant
    ) -> [Closed] {
        let slot = lane.number - 1
        open[slot].start(at: arrivedAt ?? now)
        open[slot].include(device)
        open[slot].content.waveforms.append(contentsOf: waveforms)
        // Packed deltas of regular signals take a byte or two per sample, plus a header per chunk.
        open[slot].estimatedBytes += waveforms.reduce(0) { $0 + 48 + $1.samples.count * 2 }
        return closeIfFull(lane, now: now)
    }

    mutating func add(
        _ events: [Event], devices: [DeviceInfo], arrivedAt: ContinuousClock.Instant? = nil, now: ContinuousClock.Instant
    ) -> [Closed] {
        guard !events.isEmpty else { return [] }
        let slot = Lane.alarm.number - 1
        open[slot].start(at: arrivedAt ?? now)
        for device in devices { open[slot].include(device) }
        open[slot].content.events.append(contentsOf: events)
        open[slot].estimatedBytes += events.count * 160
        return closeIfFull(.alarm, now: now)
    }

    /// Batches whose oldest reading is within one tick and the delivery allowance of their lane's `maxLatency` (or that are full).
    mutating func due(now: ContinuousClock.Instant) -> [Closed] {
        Lane.byPriority.flatMap { closeIfDue($0, now: now) }
    }

    /// Every open batch, for shutdown.
    mutating func drain(now: ContinuousClock.Instant = .now) -> [Closed] {
        Lane.byPriority.flatMap { close($0, now: now) }
    }

    /// On input, a batch closes only when it is full or its lane has no latency window (alarms): closing on
    /// age here would, once inputs arrive already older than the window (a stall, a full inbox), seal and
    /// fsync every input alone and slow the pipeline further. Age is checked at the tick, in `due`.
    private mutating func closeIfFull(_ lane: Lane, now: ContinuousClock.Instant) -> [Closed] {
        let slot = lane.number - 1
        let policy = policies[slot]
        guard policy.maxLatency == .zero || open[slot].estimatedBytes >= policy.maxBytes else { return [] }
        return close(lane, now: now)
    }

    private mutating func closeIfDue(_ lane: Lane, now: ContinuousClock.Instant) -> [Closed] {
        let slot = lane.number - 1
        guard let openedAt = open[slot].openedAt else { return [] }
        let policy = policies[slot]
        guard now - openedAt >= deadline(lane, policy) || open[slot].estimatedBytes >= policy.maxBytes else { return [] }
        return close(lane, now: now)
    }

    /// The age at which a lane's batch closes: a tick early, so the next tick is not too late, and early by the time
    /// delivery has lately taken.
    private func deadline(_ lane: Lane, _ policy: LanePolicy) -> Duration {
        guard policy.maxLatency > tick else { return policy.maxLatency }
        return max(.zero, policy.maxLatency - tick - (delivery?.allowance(for: lane) ?? .zero))
    }

    private mutating func close(_ lane: Lane, now: ContinuousClock.Instant) -> [Closed] {
        let slot = lane.number - 1
        guard !open[slot].isEmpty, let openedAt = open[slot].openedAt else { return [] }
        defer { open[slot] = OpenBatch() }
        return [Closed(lane: lane, content: open[slot].content, arrivedAt: openedAt, closedAt: now)]
    }
}
