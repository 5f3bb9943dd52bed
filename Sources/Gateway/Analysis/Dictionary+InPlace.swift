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
}
