/// The most recent samples of a stream, addressed by absolute sample index.
struct SampleRing: Sendable {
    private var storage: [Float]
    private let mask: Int
    /// Absolute index of the next sample to arrive.
    private(set) var end = 0

    init(minimumCapacity: Int) {
        var capacity = 64
        while capacity < minimumCapacity { capacity *= 2 }
        storage = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    var capacity: Int { storage.count }
    /// Oldest index still held.
    var start: Int { max(0, end - storage.count) }

    mutating func append(_ samples: UnsafeBufferPointer<Float>) {
        storage.withUnsafeMutableBufferPointer { ring in
            for x in samples {
                ring[end & mask] = x
                end += 1
            }
        }
    }

    subscript(index: Int) -> Float { storage[index & mask] }

    /// Index of the largest `sign · x` in `range` (clamped to what is held); the first one on ties.
    func argmax(in range: Range<Int>, sign: Float) -> Int {
        let range = max(range.lowerBound, start)..<min(range.upperBound, end)
        var best = range.lowerBound
        for i in range where sign * self[i] > sign * self[best] { best = i }
        return best
    }

    /// Largest |x[i] − x[i−1]| in `range`: the steepest slope of a complex.
    func maxStep(in range: Range<Int>) -> Float {
        let range = max(range.lowerBound, start + 1)..<min(range.upperBound, end)
        var best: Float = 0
        for i in range { best = max(best, abs(self[i] - self[i - 1])) }
        return best
    }

    /// The sample in `range` farthest from the straight line joining the means of its first and last three
    /// samples (a local baseline), and its signed distance from that line.
    func largestDeviation(in range: Range<Int>) -> (index: Int, deviation: Float) {
        let range = max(range.lowerBound, start)..<min(range.upperBound, end)
        guard range.count > 6 else { return (range.lowerBound, range.isEmpty ? 0 : self[range.lowerBound]) }
        let left = (self[range.lowerBound] + self[range.lowerBound + 1] + self[range.lowerBound + 2]) / 3
        let right = (self[range.upperBound - 3] + self[range.upperBound - 2] + self[range.upperBound - 1]) / 3
        let slope = (right - left) / Float(range.count - 3)
        var best = (index: range.lowerBound, deviation: Float(0))
        for i in range {
            let deviation = self[i] - (left + slope * Float(i - range.lowerBound - 1))
            if abs(deviation) > abs(best.deviation) { best = (i, deviation) }
        }
        return best
    }
}
