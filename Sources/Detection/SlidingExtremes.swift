/// Minimum and maximum over a sliding time window, amortised O(1) per sample (monotonic queues).
struct SlidingExtremes: Sendable {
    private var maxima = TimedMaxima()
    /// The minima as the maxima of the negated values, so one queue type serves both.
    private var negatedMinima = TimedMaxima()

    mutating func append(_ value: Double, at time: Int64) {
        maxima.append(value, at: time)
        negatedMinima.append(-value, at: time)
    }

    mutating func removeAll(before cutoff: Int64) {
        maxima.removeAll(before: cutoff)
        negatedMinima.removeAll(before: cutoff)
    }

    mutating func removeAll() {
        maxima.removeAll()
        negatedMinima.removeAll()
    }

    /// Peak-to-peak of the samples in the window; nil when it is empty.
    var range: Double? {
        guard let high = maxima.maximum, let negatedLow = negatedMinima.maximum else { return nil }
        return high + negatedLow
    }
}
