/// A fixed-capacity ring of the most recent samples, addressed by absolute sample index.
struct PulseHistory: Sendable {
    private var storage: [Double]
    /// Absolute index one past the newest sample.
    private(set) var end = 0

    init(capacity: Int) {
        storage = [Double](repeating: 0, count: max(1, capacity))
    }

    var capacity: Int { storage.count }
    /// Oldest absolute index still held.
    var start: Int { max(0, end - storage.count) }

    mutating func append(_ x: Double) {
        storage[end % storage.count] = x
        end += 1
    }

    /// The sample at absolute `index`; callers keep `index` within `start..<end`.
    subscript(index: Int) -> Double { storage[index % storage.count] }

    /// Index of the extreme value in `range` (clamped to what is held); the earliest wins ties.
    func indexOfExtreme(in range: ClosedRange<Int>, maximum: Bool) -> Int {
        let low = max(range.lowerBound, start)
        let high = min(range.upperBound, end - 1)
        guard low < high else { return max(low, min(high, range.lowerBound)) }
        var best = low
        for index in (low + 1)...high where maximum ? self[index] > self[best] : self[index] < self[best] {
            best = index
        }
        return best
    }
}
