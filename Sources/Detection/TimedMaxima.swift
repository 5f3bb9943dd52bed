/// The running maximum of time-stamped values over a sliding window: a monotonic queue (values decrease from front to
/// back, so the front is the maximum) in a ring buffer, so dropping from either end never moves the others.
struct TimedMaxima: Sendable {
    struct Item: Sendable {
        var time: Int64
        var value: Double
    }

    /// One array of pairs rather than two arrays: each sample writes one slot.
    private var items: [Item]
    private var head = 0
    private var count = 0
    /// Storage is a power of two so that wrapping is a mask, not a division.
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 1
        while size < capacity { size *= 2 }
        items = Array(repeating: Item(time: 0, value: 0), count: size)
        mask = size - 1
    }

    /// The largest value in the window; nil when it is empty. This and the two below take one value at a time, for
    /// the tests of the ring's growth; the flatline detector goes through `withRing`.
    var maximum: Double? { count > 0 ? items[head].value : nil }

    /// Adds the newest value; values it outranks can never be the maximum again and leave.
    mutating func append(_ value: Double, at time: Int64) {
        reserve(1)
        withRing { $0.append(value, at: time) }
    }

    /// Drops values stamped before `cutoff`.
    mutating func removeAll(before cutoff: Int64) {
        withRing { $0.removeAll(before: cutoff) }
    }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    /// Makes room for `extra` more values, so that a `Ring` (which cannot grow) can take them.
    mutating func reserve(_ extra: Int) {
        while count + extra > items.count { grow() }
    }

    /// The queue over its storage without bounds or uniqueness checks, for a loop over a whole chunk: at 5 million
    /// samples a second the appends with those checks were over half of the flatline detector's time (13.6 % of the
    /// gateway's samples, perf). `reserve` first.
    mutating func withRing<Result>(_ body: (inout Ring) -> Result) -> Result {
        var ring = Ring(items: nil, mask: mask, head: head, count: count)
        let result = items.withUnsafeMutableBufferPointer { storage in
            ring.items = storage.baseAddress
            defer { ring.items = nil }
            return body(&ring)
        }
        head = ring.head
        count = ring.count
        return result
    }

    // Doubles the storage, unwrapping the live values to its start; it grows this way until it holds a window and a pass.
    private mutating func grow() {
        let live = (0..<count).map { items[(head + $0) & mask] }
        items = live + Array(repeating: Item(time: 0, value: 0), count: items.count * 2 - count)
        head = 0
        mask = items.count - 1
    }
}
