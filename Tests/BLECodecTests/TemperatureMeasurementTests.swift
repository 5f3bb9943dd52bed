import DeviceCodecs
import GatewayModel
import Testing

@Suite struct TemperatureMeasurementTests {
    static let reference = "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04"

    @Test func referenceVector() throws {
        let batch = try decode(0x2A1C, Self.reference)
        let at: Int64 = 1_354_708_227_000  // 2012-12-05 11:50:27, device time taken as UTC
        #expect(batch.values == [
            DecodedValue(name: "temp", timeUnixMs: at, value: 37.6, unit: "Cel"),
            DecodedValue(name: "temp-site", timeUnixMs: at, value: Double(TemperatureSite.finger.rawValue)),
        ])
        #expect(TemperatureSite.finger.rawValue == 4)
    }

    @Test func referenceVectorCutToTwelveBytesIsInvalid() {
        let cut = Array(hex(Self.reference).prefix(12))
        #expect(cut.count == 12)
        #expect(throws: DecodeError.self) { try GATTHealthDecoder.decode(uuid: 0x2A1C, bytes: cut, nowUnixMs: testNow) }
    }

    @Test func fahrenheitWithoutTimestampOrSite() throws {
        // 98.6 °F = 986 × 10⁻¹
        let batch = try decode(0x2A1C, "01 DA 03 00 FF")
        #expect(batch.values == [DecodedValue(name: "temp", timeUnixMs: testNow, value: 98.6, unit: "[degF]", status: .gatewayTime)])
    }

    @Test(arguments: [UInt8(0), 10, 0xFF])
    func reservedSiteCodesAreNotPassedOn(_ code: UInt8) throws {
        let batch = try decode(0x2A1C, "04 B0 0E 00 FE \(hexByte(UInt16(code)))")
        #expect(batch.values.map(\.name) == ["temp"])
    }

    @Test(arguments: [
        ("00 FF FF 7F 00", "not-a-number"), ("00 00 00 80 00", "error"), ("00 FE FF 7F 05", "positive-infinity"),
        ("00 02 00 80 FF", "negative-infinity"), ("00 01 00 80 00", "unsupported"),
    ])
    func specialValuesAreAbsentWithTheirReason(_ vector: String, _ reason: String) throws {
        let batch = try decode(0x2A1C, vector)
        #expect(batch.values == [DecodedValue(name: "temp", timeUnixMs: testNow, value: nil, unit: "Cel", status: .gatewayTime, absentReason: reason)])
    }

    @Test(arguments: ["", "00", "00 B0 0E 00", "04 B0 0E 00 FE", "00 B0 0E 00 FE 04", "02 B0 0E 00 FE DC 07 0C 05 0B 32 3C"])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A1C, vector) }
    }
}
