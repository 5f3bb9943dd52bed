/// Indices whose values decrease from front to back; the front is the maximum of the window.
struct MonotonicDeque: Sendable {
    private var indices: [Int]
    private var values: [Float]
    private var head = 0
    private var count = 0

    init(capacity: Int) {
        indices = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
    }

    var front: Float { values[head] }

    mutating func push(index: Int, value: Float, window: Int) {
        let capacity = values.count
        while count > 0, values[(head + count - 1) % capacity] <= value { count -= 1 }
        if count > 0, indices[head] <= index - window {
            head = (head + 1) % capacity
            count -= 1
        }
        let slot = (head + count) % capacity
        (indices[slot], values[slot]) = (index, value)
        count += 1
    }
}
