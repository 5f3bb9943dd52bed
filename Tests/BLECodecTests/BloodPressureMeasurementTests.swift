import DeviceCodecs
import GatewayModel
import Testing

@Suite struct BloodPressureMeasurementTests {
    /// 2024-11-29 14:30:00
    let timestamp = "E8 07 0B 1D 0E 1E 00"
    let timestampMs: Int64 = 1_732_890_600_000

    @Test func mmHgWithTimestampPulseUserAndStatus() throws {
        // sys 120, dia 80, MAP 93, pulse 72, user 1, status: body movement + irregular pulse
        let batch = try decode(0x2A35, "1E 78 00 50 00 5D 00 \(timestamp) 48 00 01 05 00")
        #expect(batch.values == [
            DecodedValue(name: "sys", timeUnixMs: timestampMs, value: 120, unit: "mm[Hg]", status: .artifact),
            DecodedValue(name: "dia", timeUnixMs: timestampMs, value: 80, unit: "mm[Hg]", status: .artifact),
            DecodedValue(name: "map", timeUnixMs: timestampMs, value: 93, unit: "mm[Hg]", status: .artifact),
            DecodedValue(name: "pr", timeUnixMs: timestampMs, value: 72, unit: "/min", status: .artifact),
        ])
        #expect(batch.activeConditions == ["body-movement", "irregular-pulse"])
        for code in ["cuff-too-loose", "improper-position", "pulse-rate-above-range", "pulse-rate-below-range"] {
            #expect(batch.condition(code) == false, "\(code)")
        }
        #expect(batch.conditions.allSatisfy { $0.timeUnixMs == timestampMs })
    }

    @Test func kilopascalWithAbsentMeanPressure() throws {
        // sys 16.0 kPa (160 × 10⁻¹), dia 10.7 kPa, MAP NaN
        let batch = try decode(0x2A35, "01 A0 F0 6B F0 FF 07")
        #expect(batch.values == [
            DecodedValue(name: "sys", timeUnixMs: testNow, value: 16.0, unit: "kPa", status: .gatewayTime),
            DecodedValue(name: "dia", timeUnixMs: testNow, value: 10.7, unit: "kPa", status: .gatewayTime),
            DecodedValue(name: "map", timeUnixMs: testNow, value: nil, unit: "kPa", status: .gatewayTime, absentReason: "not-a-number"),
        ])
        #expect(batch.conditions.isEmpty)
    }

    @Test(arguments: [
        (UInt16(0x0008), ["pulse-rate-above-range"], MeasurementStatus()),
        (0x0010, ["pulse-rate-below-range"], []),
        (0x0018, [], []),  // range value 3 is reserved: neither above nor below
        (0x0002, ["cuff-too-loose"], .questionable),
        (0x0020, ["improper-position"], .questionable),
        (0x0027, ["body-movement", "cuff-too-loose", "irregular-pulse", "improper-position"], [.artifact, .questionable]),
    ] as [(UInt16, Set<String>, MeasurementStatus)])
    func statusBits(_ status: UInt16, _ active: Set<String>, _ effect: MeasurementStatus) throws {
        let batch = try decode(0x2A35, "10 78 00 50 00 5D 00 \(hexByte(status & 0xFF)) \(hexByte(status >> 8))")
        #expect(batch.activeConditions == active)
        #expect(batch.conditions.count == 6)
        #expect(batch.values.allSatisfy { $0.status == effect.union(.gatewayTime) })
    }

    @Test func unknownDeviceTimeFallsBackToGatewayTime() throws {
        let batch = try decode(0x2A35, "02 78 00 50 00 5D 00 00 00 00 00 00 00 00")
        #expect(batch.values.allSatisfy { $0.timeUnixMs == testNow && $0.status == .gatewayTime })
    }

    @Test(arguments: [
        "", "00 78 00 50 00", "02 78 00 50 00 5D 00 E8 07 0B 1D 0E 1E", "04 78 00 50 00 5D 00 48",
        "08 78 00 50 00 5D 00", "10 78 00 50 00 5D 00 05", "00 78 00 50 00 5D 00 00",
        "02 78 00 50 00 5D 00 E8 07 0D 1D 0E 1E 00",  // month 13
        "02 78 00 50 00 5D 00 E8 07 02 1E 0E 1E 00",  // 30 February
        "02 78 00 50 00 5D 00 E8 07 0B 1D 18 00 00",  // hour 24
    ])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A35, vector) }
    }
}

func hexByte(_ value: UInt16) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
