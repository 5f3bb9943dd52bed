/// How many vital and waveform batches may be in flight: enough to keep the link busy, few enough that an
/// alarm published now does not queue behind more than about `target` of them at the broker.
///
/// Delay-based, like LEDBAT: the lowest good PUBACK round trip of the last two periods (minutes, so a long
/// drain's own queueing does not become the baseline) is the link's own; a PUBACK later than that by more
/// than `target` (or half the baseline on a slow link, whose jitter is larger) means batches queue ahead of
/// ours, so the limit shrinks by one; a timely one lets it grow by one. The part of the window the limit never
/// reaches is kept for alarms. The target is small (3 ms) because an alarm's whole budget is 20 ms and a drain
/// has speed to spare; the limit never falls below an eighth of its maximum, and not below two unless the
/// maximum is one, since a broker busy with other clients also answers late, and a limit of one would turn
/// every batch into a round trip.
struct BulkWindow {
    /// Most bulk batches in flight: the window less the part kept for alarms.
    let maximum: Int
    /// Fewest bulk batches in flight, however late the PUBACKs.
    let minimum: Int
    /// Queueing delay tolerated at the broker before the limit shrinks.
    let target: Duration
    /// Bulk batches that may be in flight now.
    private(set) var limit: Int
    private var currentMinimum: Duration?
    private var previousMinimum: Duration?
    private var periodStart: ContinuousClock.Instant
    private let period: Duration

    init(
        window: Int, target: Duration = .milliseconds(3), period: Duration = .seconds(120), now: ContinuousClock.Instant = .now
    ) {
        // A quarter of the window (at least one slot) stays free for alarms whatever the backlog.
        maximum = max(1, window - max(1, window / 4))
        minimum = min(maximum, max(2, maximum / 8))
        limit = min(maximum, 8)
        self.target = target
        self.period = period
        periodStart = now
    }

    /// The link's own round trip as last seen: a route change shows within two periods.
    var baseRoundTrip: Duration? {
        switch (currentMinimum, previousMinimum) {
        case let (current?, previous?): min(current, previous)
        case let (current, previous): current ?? previous
        }
    }

    /// A good PUBACK came back `roundTrip` after its publish (refusals say nothing about the queue).
    mutating func acknowledged(after roundTrip: Duration, now: ContinuousClock.Instant = .now) {
        if now - periodStart >= period {
            previousMinimum = currentMinimum
            currentMinimum = nil
            periodStart = now
        }
        currentMinimum = min(currentMinimum ?? roundTrip, roundTrip)
        guard let base = baseRoundTrip else { return }
        limit = roundTrip > base + max(target, base / 2) ? max(minimum, limit - 1) : min(maximum, limit + 1)
    }
}
