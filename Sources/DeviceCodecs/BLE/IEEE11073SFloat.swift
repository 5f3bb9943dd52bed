/// IEEE 11073-20601 SFLOAT: 16 bits, 4-bit signed exponent and 12-bit signed mantissa.
public enum IEEE11073SFloat {
    /// The number, or why there is none; special values are recognised by the mantissa alone,
    /// whatever the exponent bits say.
    public static func decode(_ raw: UInt16) -> (value: Double?, reason: AbsentReason?) {
        decode(raw, exponentShift: 0)
    }

    /// Converts units by moving the decimal point, so kg/L → mg/dL (×10⁵) rounds only once.
    static func decode(_ raw: UInt16, exponentShift: Int) -> (value: Double?, reason: AbsentReason?) {
        let mantissaBits = raw & 0x0FFF
        switch mantissaBits {
        case 0x07FF: return (nil, .notANumber)
        case 0x0800: return (nil, .error)
        case 0x07FE: return (nil, .positiveInfinity)
        case 0x0802: return (nil, .negativeInfinity)
        case 0x0801: return (nil, .unsupported)
        default: break
        }
        let mantissa = Int(Int16(bitPattern: mantissaBits << 4) >> 4)
        let exponent = Int(Int16(bitPattern: raw) >> 12)
        return (IEEE11073Decimal.value(mantissa: mantissa, exponent: exponent + exponentShift), nil)
    }

    /// Decodes exactly two bytes in BLE (little-endian) order, e.g. `E8 F3` → 100.0.
    public static func decode(littleEndian bytes: [UInt8]) throws(DecodeError) -> (value: Double?, reason: AbsentReason?) {
        guard bytes.count == 2 else { throw DecodeError("an SFLOAT is 2 bytes, got \(bytes.count)") }
        return decode(UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
    }
}
