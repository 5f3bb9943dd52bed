/// IEEE 11073-20601 FLOAT: 32 bits, 8-bit signed exponent and 24-bit signed mantissa.
public enum IEEE11073Float {
    /// The number, or why there is none; special values are recognised by the mantissa alone,
    /// whatever the exponent bits say.
    public static func decode(_ raw: UInt32) -> (value: Double?, reason: AbsentReason?) {
        let mantissaBits = raw & 0x00FF_FFFF
        switch mantissaBits {
        case 0x007F_FFFF: return (nil, .notANumber)
        case 0x0080_0000: return (nil, .error)
        case 0x007F_FFFE: return (nil, .positiveInfinity)
        case 0x0080_0002: return (nil, .negativeInfinity)
        case 0x0080_0001: return (nil, .unsupported)
        default: break
        }
        let mantissa = Int(Int32(bitPattern: mantissaBits << 8) >> 8)
        let exponent = Int(Int32(bitPattern: raw) >> 24)
        return (IEEE11073Decimal.value(mantissa: mantissa, exponent: exponent), nil)
    }

    /// Decodes exactly four bytes in BLE (little-endian) order, e.g. `B0 0E 00 FE` → 37.60.
    public static func decode(littleEndian bytes: [UInt8]) throws(DecodeError) -> (value: Double?, reason: AbsentReason?) {
        guard bytes.count == 4 else { throw DecodeError("a FLOAT is 4 bytes, got \(bytes.count)") }
        return decode(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
    }
}
