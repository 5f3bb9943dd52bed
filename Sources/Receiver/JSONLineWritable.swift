/// A value that writes itself as one JSON value into a `JSONLine`.
protocol JSONLineWritable {
    func write(to line: inout JSONLine) throws
}

extension JSONLineWritable {
    /// This value as one compact JSON text.
    func jsonBytes() throws -> [UInt8] {
        var line = JSONLine()
        try write(to: &line)
        return line.bytes
    }
}
