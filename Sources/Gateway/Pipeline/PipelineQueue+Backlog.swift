extension PipelineQueue {
    /// A first-in first-out run of inputs: taking from the front is O(1), and the array is compacted as it empties.
    struct Backlog {
        private var items: [PipelineInput?] = []
        private var head = 0

        var count: Int { items.count - head }

        mutating func append(_ input: PipelineInput) { items.append(input) }

        mutating func popFirst() -> PipelineInput? {
            guard head < items.count else { return nil }
            defer {
                items[head] = nil
                head += 1
                if head == items.count {
                    items.removeAll(keepingCapacity: true)
                    head = 0
                } else if head >= 1024, head * 2 >= items.count {
                    items.removeFirst(head)
                    head = 0
                }
            }
            return items[head]
        }

        /// The position (counted from the front) of the last input matching `predicate`.
        func lastIndex(where predicate: (PipelineInput) -> Bool) -> Int? {
            items[head...].lastIndex { $0.map(predicate) ?? false }.map { $0 - head }
        }

        /// Takes out, in order, the inputs `predicate` picks (given each one's position from the front); the rest keep theirs.
        mutating func extract(where predicate: (Int, PipelineInput) -> Bool) -> [PipelineInput] {
            // Most urgent inputs find nothing to take along: look before copying the backlog.
            guard items[head...].enumerated().contains(where: { position, item in item.map { predicate(position, $0) } ?? false })
            else { return [] }
            var taken: [PipelineInput] = []
            var kept: [PipelineInput?] = []
            kept.reserveCapacity(count)
            for (position, item) in items[head...].enumerated() {
                guard let input = item else { continue }
                if predicate(position, input) { taken.append(input) } else { kept.append(input) }
            }
            items = kept
            head = 0
            return taken
        }
    }
}
