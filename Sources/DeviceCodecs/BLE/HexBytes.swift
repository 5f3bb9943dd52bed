/// Hex text to bytes, strictly: bridges that send hex send exactly two digits per byte.
enum HexBytes {
    static func nibble(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Case-insensitive; throws on an odd length or any character that is not a hex digit.
    static func decode(_ text: String) throws(DecodeError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { throw DecodeError("hex value has an odd number of digits (\(utf8.count))") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw DecodeError("hex value has a non-hex character near position \(index)")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
