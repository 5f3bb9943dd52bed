extension Dictionary {
    /// Changes every value where it is stored. `for i in values.indices` would not: the indices keep the
    /// collection, and with it a second reference to the storage, so the first write copies the whole dictionary.
    mutating func updateValues(_ update: (inout Value) -> Void) {
        var index = values.startIndex
        while index != values.endIndex {
            update(&values[index])
            values.formIndex(after: &index)
        }
    }

    /// Changes the value for `key` where it is stored and returns what `update` returned; nil without one.
    /// `self[key]?.change()` moves the value out and back in, with a copy of its every field, for every reading.
    mutating func modifyValue<Result>(forKey key: Key, _ update: (inout Value) -> Result) -> Result? {
        guard let index = index(forKey: key) else { return nil }
        return update(&values[index])
    }
}
