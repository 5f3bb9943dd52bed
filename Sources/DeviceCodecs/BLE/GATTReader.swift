/// Reads a GATT characteristic value field by field (little-endian), so that a payload shorter
/// than its flags promise fails with the name of the missing field instead of trapping.
struct GATTReader {
    let bytes: [UInt8]
    let context: String
    private(set) var offset = 0

    init(_ bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    var remaining: Int { bytes.count - offset }

    func error(_ message: String) -> DecodeError { DecodeError("\(context): \(message)") }

    /// Claims `count` bytes and returns where they start.
    private mutating func take(_ count: Int, _ field: String) throws(DecodeError) -> Int {
        guard remaining >= count else {
            throw error("\(field) needs \(count) byte\(count == 1 ? "" : "s") at offset \(offset), but the payload is \(bytes.count) bytes")
        }
        defer { offset += count }
        return offset
    }

    mutating func u8(_ field: String) throws(DecodeError) -> UInt8 {
        let at = try take(1, field)
        return bytes[at]
    }

    mutating func u16(_ field: String) throws(DecodeError) -> UInt16 {
        let at = try take(2, field)
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    mutating func s16(_ field: String) throws(DecodeError) -> Int16 {
        Int16(bitPattern: try u16(field))
    }

    mutating func u24(_ field: String) throws(DecodeError) -> UInt32 {
        let at = try take(3, field)
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
    }

    mutating func sfloat(_ field: String, exponentShift: Int = 0) throws(DecodeError) -> (value: Double?, reason: AbsentReason?) {
        IEEE11073SFloat.decode(try u16(field), exponentShift: exponentShift)
    }

    mutating func float(_ field: String) throws(DecodeError) -> (value: Double?, reason: AbsentReason?) {
        let at = try take(4, field)
        let raw = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        return IEEE11073Float.decode(raw)
    }

    /// A 7-byte Date Time as Unix ms, or nil when the device says it does not know the date.
    mutating func dateTime(_ field: String) throws(DecodeError) -> Int64? {
        let year = Int(try u16(field))
        let at = try take(5, field)
        let fields = (year, Int(bytes[at]), Int(bytes[at + 1]), Int(bytes[at + 2]), Int(bytes[at + 3]), Int(bytes[at + 4]))
        switch GATTDateTime.unixMs(year: fields.0, month: fields.1, day: fields.2, hour: fields.3, minute: fields.4, second: fields.5) {
        case let .success(unixMs): return unixMs
        case let .failure(failure): throw error("\(field): \(failure.message)")
        }
    }

    /// Only the Heart Rate RR list may run to the end; everywhere else extra bytes mean the flags
    /// and the layout disagree, and guessing which one is wrong could misplace a value.
    func finish() throws(DecodeError) {
        guard remaining == 0 else {
            throw error("\(remaining) unexpected byte\(remaining == 1 ? "" : "s") after the last field (offset \(offset) of \(bytes.count))")
        }
    }
}
