/// How many vital and waveform batches may be in flight: enough to keep the link busy, few enough that an
/// alarm published now does not queue behind more than about `target` of them at the broker.
///
/// Delay-based, like LEDBAT: the lowest PUBACK round trip of the last two periods is the link's own; a PUBACK
/// later than that by more than `target` means batches queue ahead of ours, so the limit shrinks by one; a
/// timely one lets it grow by one. The part of the window the limit never reaches is kept for alarms; the
/// limit never falls below a quarter of its maximum, since a broker busy with other clients also answers
/// late, and a window of one would turn every batch into a round trip.
struct BulkWindow {
    let maximum: Int
    let minimum: Int
    let target: Duration
    private(set) var limit: Int
    private var currentMinimum: Duration?
    private var previousMinimum: Duration?
    private var periodStart: ContinuousClock.Instant
    private let period: Duration

    init(
        window: Int, target: Duration = .milliseconds(10), period: Duration = .seconds(10), now: ContinuousClock.Instant = .now
    ) {
        // A quarter of the window (at least one slot) stays free for alarms whatever the backlog.
        maximum = max(1, window - max(1, window / 4))
        minimum = max(1, maximum / 4)
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

    mutating func acknowledged(after roundTrip: Duration, now: ContinuousClock.Instant = .now) {
        if now - periodStart >= period {
            previousMinimum = currentMinimum
            currentMinimum = nil
            periodStart = now
        }
        currentMinimum = min(currentMinimum ?? roundTrip, roundTrip)
        guard let base = baseRoundTrip else { return }
        limit = roundTrip > base + target ? max(minimum, limit - 1) : min(maximum, limit + 1)
    }
}
