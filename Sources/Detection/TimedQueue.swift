/// A FIFO of time-stamped values for sliding windows; removing from the front is amortised O(1).
struct TimedQueue<Element: Sendable>: Sendable {
    struct Item: Sendable {
        var time: Int64
        var value: Element
    }

    private var items: [Item] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    var first: Item? { isEmpty ? nil : items[head] }
    var last: Item? { isEmpty ? nil : items[items.count - 1] }
    /// The live items, oldest first.
    var elements: ArraySlice<Item> { items[head...] }

    mutating func append(_ value: Element, at time: Int64) { items.append(Item(time: time, value: value)) }

    /// Drops items older than `cutoff` and returns how many of them `counted` accepts, so callers can keep running
    /// counts. Returns a count, not the dropped items: a slice would share the storage, and the compaction below
    /// would then copy the whole queue (per sample, for a waveform's window).
    @discardableResult
    mutating func removeAll(before cutoff: Int64, counting counted: (Element) -> Bool = { _ in true }) -> Int {
        var matching = 0
        while head < items.count, items[head].time < cutoff {
            if counted(items[head].value) { matching += 1 }
            head += 1
        }
        compactIfWorthIt()
        return matching
    }

    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        head = 0
    }

    // Reclaims the dead prefix only when it is at least half the storage, keeping removal amortised O(1).
    private mutating func compactIfWorthIt() {
        guard head >= 64, head * 2 >= items.count else { return }
        items.removeFirst(head)
        head = 0
    }
}
