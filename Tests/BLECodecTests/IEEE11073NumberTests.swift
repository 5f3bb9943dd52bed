import DeviceCodecs
import Testing

@Suite struct IEEE11073NumberTests {
    @Test(arguments: [
        ([0xE8, 0xF3], 100.0),
        ([0x64, 0x00], 100),
        ([0x57, 0xF0], 8.7),
        ([0x5F, 0x00], 95),
        ([0x84, 0xF3], 90),
        ([0x00, 0x00], 0),
        // mantissa −1 (0xFFF), exponent −2: the sign of both fields must survive.
        ([0xFF, 0xEF], -0.01),
        // mantissa 2045, exponent +7
        ([0xFD, 0x77], 20_450_000_000),
        // mantissa −2045 (0x803), exponent −8
        ([0x03, 0x88], -0.00002045),
    ] as [([UInt8], Double)])
    func sfloatCheckValues(_ bytes: [UInt8], _ expected: Double) throws {
        let decoded = try IEEE11073SFloat.decode(littleEndian: bytes)
        #expect(decoded.value == expected)
        #expect(decoded.reason == nil)
    }

    @Test(arguments: [
        ([0xB0, 0x0E, 0x00, 0xFE], 37.6),
        ([0x64, 0x00, 0x00, 0x00], 100),
        // mantissa −1, exponent −1
        ([0xFF, 0xFF, 0xFF, 0xFF], -0.1),
        // mantissa 8388605 (largest ordinary), exponent +127: far beyond 10^22, still finite and exact to a rounding
        ([0xFD, 0xFF, 0x7F, 0x7F], 8388605e127),
        // mantissa 1, exponent −128
        ([0x01, 0x00, 0x00, 0x80], 1e-128),
    ] as [([UInt8], Double)])
    func floatCheckValues(_ bytes: [UInt8], _ expected: Double) throws {
        let decoded = try IEEE11073Float.decode(littleEndian: bytes)
        #expect(decoded.value == expected)
        #expect(decoded.reason == nil)
    }

    /// Special values are recognised by the mantissa alone: every exponent must give the same reason.
    @Test(arguments: [
        (UInt16(0x07FF), AbsentReason.notANumber), (0x0800, .error), (0x07FE, .positiveInfinity),
        (0x0802, .negativeInfinity), (0x0801, .unsupported),
    ])
    func sfloatSpecialValuesIgnoreTheExponent(_ mantissa: UInt16, _ reason: AbsentReason) {
        for exponent in UInt16(0)..<16 {
            let decoded = IEEE11073SFloat.decode(exponent << 12 | mantissa)
            #expect(decoded.value == nil, "exponent \(exponent)")
            #expect(decoded.reason == reason, "exponent \(exponent)")
        }
    }

    @Test(arguments: [
        (UInt32(0x007F_FFFF), AbsentReason.notANumber), (0x0080_0000, .error), (0x007F_FFFE, .positiveInfinity),
        (0x0080_0002, .negativeInfinity), (0x0080_0001, .unsupported),
    ])
    func floatSpecialValuesIgnoreTheExponent(_ mantissa: UInt32, _ reason: AbsentReason) {
        for exponent in [UInt32(0), 1, 0x7F, 0x80, 0xFE, 0xFF] {
            let decoded = IEEE11073Float.decode(exponent << 24 | mantissa)
            #expect(decoded.value == nil, "exponent \(exponent)")
            #expect(decoded.reason == reason, "exponent \(exponent)")
        }
    }

    @Test func reasonsAreFHIRDataAbsentReasonCodes() {
        #expect(AbsentReason.allCases.map(\.rawValue) == ["not-a-number", "error", "positive-infinity", "negative-infinity", "unsupported"])
    }

    @Test func everyOrdinarySFloatIsFiniteAndMatchesItsDefinition() {
        for raw in UInt16(0)...UInt16.max {
            let decoded = IEEE11073SFloat.decode(raw)
            let mantissaBits = Int(raw & 0x0FFF)
            if [0x07FE, 0x07FF, 0x0800, 0x0801, 0x0802].contains(mantissaBits) {
                #expect(decoded.value == nil && decoded.reason != nil)
                continue
            }
            let mantissa = mantissaBits >= 0x0800 ? mantissaBits - 0x1000 : mantissaBits
            let exponent = Int(raw >> 12) >= 8 ? Int(raw >> 12) - 16 : Int(raw >> 12)
            guard let value = decoded.value, decoded.reason == nil else {
                Issue.record("0x\(String(raw, radix: 16)) decoded to no value")
                return
            }
            #expect(value == Double("\(mantissa)e\(exponent)"), "0x\(String(raw, radix: 16))")
        }
    }

    @Test(arguments: [[] as [UInt8], [0xE8], [0xE8, 0xF3, 0x00]])
    func sfloatNeedsExactlyTwoBytes(_ bytes: [UInt8]) {
        #expect(throws: DecodeError.self) { try IEEE11073SFloat.decode(littleEndian: bytes) }
    }

    @Test(arguments: [[] as [UInt8], [0xB0, 0x0E, 0x00], [0xB0, 0x0E, 0x00, 0xFE, 0x00]])
    func floatNeedsExactlyFourBytes(_ bytes: [UInt8]) {
        #expect(throws: DecodeError.self) { try IEEE11073Float.decode(littleEndian: bytes) }
    }
}
