import DeviceCodecs
import GatewayModel
import Testing

@Suite struct GlucoseMeasurementTests {
    /// 2024-11-29 07:15:00
    let baseTime = "E8 07 0B 1D 07 0F 00"
    let baseTimeMs: Int64 = 1_732_864_500_000

    @Test func milligramsPerDecilitreWithTimeOffset() throws {
        // seq 1, +30 min, 95 mg/dL sent as 95 × 10⁻⁵ kg/L, capillary whole blood from a finger
        let batch = try decode(0x2A18, "03 01 00 \(baseTime) 1E 00 5F B0 11")
        let at = baseTimeMs + 30 * 60_000
        #expect(batch.values == [
            DecodedValue(name: "sequence", timeUnixMs: at, value: 1),
            DecodedValue(name: "glucose", timeUnixMs: at, value: 95, unit: "mg/dL"),
            DecodedValue(name: "sample-type", timeUnixMs: at, value: 1),
            DecodedValue(name: "sample-location", timeUnixMs: at, value: 1),
        ])
        #expect(batch.conditions.isEmpty)
    }

    @Test func millimolesPerLitreWithAnnunciation() throws {
        // seq 258, 5.3 mmol/L sent as 53 × 10⁻⁴ mol/L, capillary plasma, result above the meter's range
        let batch = try decode(0x2A18, "0E 02 01 \(baseTime) 35 C0 12 20 00")
        #expect(batch.value("sequence")?.value == 258)
        #expect(batch.value("glucose") == DecodedValue(name: "glucose", timeUnixMs: baseTimeMs, value: 5.3, unit: "mmol/L", status: .questionable))
        #expect(batch.value("sample-type")?.value == 2)
        #expect(batch.activeConditions == ["result-above-range"])
        #expect(batch.conditions.count == 12)
    }

    @Test func negativeOffsetAndNoConcentration() throws {
        let batch = try decode(0x2A18, "01 07 00 \(baseTime) A6 FF")
        #expect(batch.values == [DecodedValue(name: "sequence", timeUnixMs: baseTimeMs - 90 * 60_000, value: 7)])
    }

    @Test(arguments: ["0A", "41", "4A"])
    func controlSolutionIsTestingData(_ typeAndLocation: String) throws {
        let batch = try decode(0x2A18, "02 01 00 \(baseTime) 5F B0 \(typeAndLocation)")
        #expect(batch.values.allSatisfy { $0.status.contains(.testing) })
    }

    @Test func unknownBaseTimeUsesGatewayTimeAndIgnoresTheOffset() throws {
        let batch = try decode(0x2A18, "03 01 00 00 00 00 00 00 00 00 1E 00 5F B0 F1")
        #expect(batch.values.allSatisfy { $0.timeUnixMs == testNow && $0.status == .gatewayTime })
        // Location 15 is "not available": nothing to pass on.
        #expect(batch.values.map(\.name) == ["sequence", "glucose", "sample-type"])
    }

    @Test func absentConcentration() throws {
        let batch = try decode(0x2A18, "06 01 00 \(baseTime) 00 08 11")
        #expect(batch.value("glucose") == DecodedValue(name: "glucose", timeUnixMs: baseTimeMs, value: nil, unit: "mmol/L", absentReason: "error"))
    }

    @Test(arguments: [
        "", "00 01", "00 01 00 E8 07 0B 1D 07 0F", "01 01 00 E8 07 0B 1D 07 0F 00 1E", "02 01 00 E8 07 0B 1D 07 0F 00 5F B0",
        "08 01 00 E8 07 0B 1D 07 0F 00 20", "00 01 00 E8 07 0B 1D 07 0F 00 00",
    ])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A18, vector) }
    }
}
