/// The last few RR intervals of one detector, for heart rate and the search-back deadline.
struct RRHistory: Sendable {
    private(set) var intervals: [Int] = []
    let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    mutating func add(_ interval: Int) {
        if intervals.count == capacity { intervals.removeFirst() }
        intervals.append(interval)
    }

    /// Mean interval in samples, once there is one.
    var average: Double? {
        intervals.isEmpty ? nil : Double(intervals.reduce(0, +)) / Double(intervals.count)
    }
}
