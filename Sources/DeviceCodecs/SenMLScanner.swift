import Foundation

/// Reads the SenML packs sensors send in practice straight from the payload's bytes; Foundation's `JSONDecoder`
/// costs about a quarter of the gateway's CPU at tens of thousands of messages a second.
///
/// It takes a strict subset of JSON: an array of objects whose keys are SenML's own, each once, with ASCII strings
/// without escapes, numbers as RFC 8259 writes them, booleans and null. For anything else it returns nil and the
/// caller decodes with `JSONDecoder`, which then reads the pack or explains what is wrong with it. So the scanner
/// never refuses a pack, and what it reads is exactly what `JSONDecoder` would (the tests and the SenML fuzz
/// target compare the two, through the `Testing` SPI).
@_spi(Testing) public struct SenMLScanner {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    /// The pack's records, or nil when it is not in the subset.
    @_spi(Testing) public static func records(in payload: Data) -> [SenMLRecord]? {
        payload.withUnsafeBytes { bytes in
            var scanner = SenMLScanner(bytes: bytes)
            return scanner.pack()
        }
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func pack() -> [SenMLRecord]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var records: [SenMLRecord] = []
        if !take(UInt8(ascii: "]")) {
            repeat {
                guard let record = record() else { return nil }
                records.append(record)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
        }
        skipWhitespace()
        return index == bytes.count ? records : nil
    }

    private mutating func record() -> SenMLRecord? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var record = SenMLRecord()
        // Which keys came already: a repeated key goes to JSONDecoder, whose choice between the two is its own.
        var seen: UInt16 = 0
        if take(UInt8(ascii: "}")) { return record }
        repeat {
            guard let name = plainString(), let key = Key(name), seen & key.bit == 0, take(UInt8(ascii: ":")) else { return nil }
            seen |= key.bit
            guard read(key, into: &record) else { return nil }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? record : nil
    }

    /// One field's value; `null` leaves it absent, as `decodeIfPresent` does.
    private mutating func read(_ key: Key, into record: inout SenMLRecord) -> Bool {
        if literal("null") { return true }
        switch key {
        case .bn: return string(&record.bn)
        case .bu: return string(&record.bu)
        case .n: return string(&record.n)
        case .u: return string(&record.u)
        case .vs: return string(&record.vs)
        case .vd: return string(&record.vd)
        case .bt: return number(&record.bt)
        case .bv: return number(&record.bv)
        case .v: return number(&record.v)
        case .s: return number(&record.s)
        case .t: return number(&record.t)
        case .bver:
            guard let text = numberText(), !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), text.count <= 18 else { return false }
            record.bver = Int(text)
            return record.bver != nil
        case .vb:
            if literal("true") { record.vb = true } else if literal("false") { record.vb = false } else { return false }
            return true
        }
    }

    private mutating func string(_ field: inout String?) -> Bool {
        guard let value = plainString() else { return false }
        field = value
        return true
    }

    private mutating func number(_ field: inout Double?) -> Bool {
        guard let text = numberText(), let value = Double(text), value.isFinite else { return false }
        // JSONDecoder refuses numbers a Double does not hold (1e400, 1e-400) and, oddly, `0e5`; subnormals and
        // zeros written with an exponent or a non-zero digit are left to it, so the two never differ there.
        if value == 0 {
            guard text.utf8.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else { return false }
        } else if value.magnitude < Double.leastNormalMagnitude {
            return false
        }
        field = value
        return true
    }

    /// A string of printable ASCII without escapes; nil for anything else.
    private mutating func plainString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// The text of a number as RFC 8259 §6 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func numberText() -> String? {
        skipWhitespace()
        let start = index
        _ = skip(UInt8(ascii: "-"))
        if skip(UInt8(ascii: "0")) {
            if digits() > 0 { return nil }
        } else if digits() == 0 {
            return nil
        }
        if skip(UInt8(ascii: ".")), digits() == 0 { return nil }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
            if digits() == 0 { return nil }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let matches = word.withUTF8Buffer { text in
            bytes.count - index >= text.count && text.indices.allSatisfy { bytes[index + $0] == text[$0] }
        }
        if matches { index += word.utf8CodeUnitCount }
        return matches
    }

    /// Skips whitespace, then takes `byte` if it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return skip(byte)
    }

    private mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The keys a SenML record may have; any other key sends the pack to `JSONDecoder`.
    private enum Key: UInt8 {
        case bn, bt, bu, bv, bver, n, u, v, vs, vb, vd, s, t

        var bit: UInt16 { 1 << rawValue }

        init?(_ name: String) {
            switch name {
            case "bn": self = .bn
            case "bt": self = .bt
            case "bu": self = .bu
            case "bv": self = .bv
            case "bver": self = .bver
            case "n": self = .n
            case "u": self = .u
            case "v": self = .v
            case "vs": self = .vs
            case "vb": self = .vb
            case "vd": self = .vd
            case "s": self = .s
            case "t": self = .t
            default: return nil
            }
        }
    }
}
