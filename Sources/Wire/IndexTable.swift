/// Gives each distinct value an index in order of first appearance: the channel table of a batch,
/// which lets readings name a channel with one small varint instead of repeating its strings.
struct IndexTable<Value: Hashable> {
    private(set) var values: [Value] = []
    private var indices: [Value: UInt32] = [:]

    /// The index of `value`, appending it to the table when it is new.
    mutating func index(of value: Value) -> UInt32 {
        if let index = indices[value] { return index }
        let index = UInt32(values.count)
        values.append(value)
        indices[value] = index
        return index
    }
}
