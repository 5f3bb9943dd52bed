import DeviceCodecs
import GatewayModel
import Testing

@Suite struct WeightMeasurementTests {
    @Test func kilogramsWithTimestampUserBMIAndHeight() throws {
        // 70.000 kg (14000 × 0.005), 2024-11-29 07:15:00, user 1, BMI 22.9, height 1.750 m
        let batch = try decode(0x2A9D, "0E B0 36 E8 07 0B 1D 07 0F 00 01 E5 00 D6 06")
        let at: Int64 = 1_732_864_500_000
        #expect(batch.values == [
            DecodedValue(name: "weight", timeUnixMs: at, value: 70, unit: "kg"),
            DecodedValue(name: "bmi", timeUnixMs: at, value: 22.9, unit: "kg/m2"),
            DecodedValue(name: "height", timeUnixMs: at, value: 1.75, unit: "m"),
        ])
    }

    @Test func poundsAndInches() throws {
        // 154.32 lb (15432 × 0.01), BMI 22.9, 68.9 in
        let batch = try decode(0x2A9D, "09 48 3C E5 00 B1 02")
        #expect(batch.values == [
            DecodedValue(name: "weight", timeUnixMs: testNow, value: 154.32, unit: "[lb_av]", status: .gatewayTime),
            DecodedValue(name: "bmi", timeUnixMs: testNow, value: 22.9, unit: "kg/m2", status: .gatewayTime),
            DecodedValue(name: "height", timeUnixMs: testNow, value: 68.9, unit: "[in_i]", status: .gatewayTime),
        ])
    }

    @Test func resolutionStepsRoundOnce() throws {
        // 10010 × 0.005 would give 50.050000000000004 and 10007 × 0.01 100.07000000000001
        #expect(try decode(0x2A9D, "00 1A 27").value("weight")?.value == 50.05)
        #expect(try decode(0x2A9D, "01 17 27").value("weight")?.value == 100.07)
    }

    @Test func unsuccessfulMeasurementIsAbsent() throws {
        let batch = try decode(0x2A9D, "00 FF FF")
        #expect(batch.values == [DecodedValue(name: "weight", timeUnixMs: testNow, value: nil, unit: "kg", status: .gatewayTime, absentReason: "error")])
    }

    @Test(arguments: ["", "00", "00 B0", "02 B0 36 E8 07 0B", "04 B0 36", "08 B0 36 E5 00", "00 B0 36 00", "09 48 3C E5 00 B1 02 00"])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A9D, vector) }
    }
}
