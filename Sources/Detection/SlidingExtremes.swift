/// Minimum and maximum over a sliding time window, amortised O(1) per sample (monotonic queues).
struct SlidingExtremes: Sendable {
    private var maxima = TimedQueue<Double>()
    private var minima = TimedQueue<Double>()

    mutating func append(_ value: Double, at time: Int64) {
        while let last = maxima.last, last.value <= value { maxima.removeLast() }
        maxima.append(value, at: time)
        while let last = minima.last, last.value >= value { minima.removeLast() }
        minima.append(value, at: time)
    }

    mutating func removeAll(before cutoff: Int64) {
        maxima.removeAll(before: cutoff)
        minima.removeAll(before: cutoff)
    }

    mutating func removeAll() {
        maxima.removeAll()
        minima.removeAll()
    }

    /// Peak-to-peak of the samples in the window; nil when it is empty.
    var range: Double? {
        guard let high = maxima.first?.value, let low = minima.first?.value else { return nil }
        return high - low
    }
}
