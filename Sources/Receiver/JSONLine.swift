/// One compact JSON value written straight into bytes, for the FHIR lines the receiver writes.
///
/// Foundation's `JSONEncoder` took three quarters of the receiver's CPU at 25,000 readings/s (a
/// keyed container and generic metadata per nested value). The resources have a fixed shape, so
/// each writes its own keys, in the sorted order `JSONEncoder` would give them; tests hold every
/// resource kind to byte equality with `JSONEncoder(.sortedKeys, .withoutEscapingSlashes)`.
struct JSONLine {
    /// A double JSON cannot carry (NaN or infinity); `JSONEncoder` refuses those too.
    struct UnencodableNumber: Error {}

    private(set) var bytes: [UInt8] = []
    /// Whether the next key or element follows a value at the same level.
    private var needsComma = false

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    mutating func object(_ body: (inout JSONLine) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<Element>(_ elements: [Element], _ each: (inout JSONLine, Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            try each(&self, element)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: Self.needsEscape) { bytes.append(contentsOf: utf8); return }
            for byte in utf8 { append(escaping: byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// As `JSONEncoder` writes it: the shortest round-tripping form, without a trailing ".0".
    mutating func number(_ value: Double) throws {
        guard value.isFinite else { throw UnencodableNumber() }
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        needsComma = true
    }

    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// Omitted when nil, as synthesized `Encodable` conformances do.
    mutating func field(_ name: StaticString, _ value: String?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: some JSONLineWritable) throws {
        key(name)
        try value.write(to: &self)
    }

    mutating func field(_ name: StaticString, _ value: (some JSONLineWritable)?) throws {
        if let value { try field(name, value) }
    }

    mutating func field(_ name: StaticString, _ values: [some JSONLineWritable]) throws {
        key(name)
        try array(values) { line, value in try value.write(to: &line) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func append(escaping byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, byte])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case ..<0x20:
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
        default: bytes.append(byte)
        }
    }
}
