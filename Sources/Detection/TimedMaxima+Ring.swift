extension TimedMaxima {
    /// A `TimedMaxima`'s queue on borrowed storage, valid only inside `withRing`; it never grows.
    struct Ring {
        var items: UnsafeMutablePointer<Item>?
        let mask: Int
        var head: Int
        var count: Int

        var isEmpty: Bool { count == 0 }

        /// The largest value in the window; only when it is not empty.
        var maximum: Double { items.unsafelyUnwrapped[head].value }

        /// As `TimedMaxima.append`, within the capacity reserved.
        mutating func append(_ value: Double, at time: Int64) {
            let storage = items.unsafelyUnwrapped
            while count > 0, storage[(head + count - 1) & mask].value <= value { count -= 1 }
            precondition(count <= mask, "a ring takes only what was reserved")
            storage[(head + count) & mask] = Item(time: time, value: value)
            count += 1
        }

        mutating func removeAll(before cutoff: Int64) {
            let storage = items.unsafelyUnwrapped
            while count > 0, storage[head].time < cutoff {
                head = (head + 1) & mask
                count -= 1
            }
        }
    }
}

/// A ring points into storage it does not own, valid on one thread inside `withRing`.
@available(*, unavailable)
extension TimedMaxima.Ring: Sendable {}
