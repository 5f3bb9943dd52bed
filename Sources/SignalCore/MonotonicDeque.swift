/// Indices whose values decrease from front to back; the front is the maximum of the window.
struct MonotonicDeque: Sendable {
    private var indices: [Int]
    private var values: [Float]
    private var head = 0
    private var count = 0
    /// Storage is a power of two so that wrapping is a mask, not a division.
    private let mask: Int

    init(capacity: Int) {
        var size = 1
        while size < capacity { size *= 2 }
        mask = size - 1
        indices = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
    }

    var front: Float { values[head] }

    mutating func push(index: Int, value: Float, window: Int) {
        while count > 0, values[(head + count - 1) & mask] <= value { count -= 1 }
        if count > 0, indices[head] <= index - window {
            head = (head + 1) & mask
            count -= 1
        }
        let slot = (head + count) & mask
        (indices[slot], values[slot]) = (index, value)
        count += 1
    }
}
