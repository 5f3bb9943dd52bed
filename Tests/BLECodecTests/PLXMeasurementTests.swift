import DeviceCodecs
import GatewayModel
import Testing

@Suite struct PLXContinuousMeasurementTests {
    @Test(arguments: ["00 E8 F3 84 F3", "00 64 00 5A 00"])
    func referenceNormalOnlyVectors(_ vector: String) throws {
        let batch = try decode(0x2A5F, vector)
        #expect(batch.values == [
            DecodedValue(name: "spo2", timeUnixMs: testNow, value: 100, unit: "%", status: .gatewayTime),
            DecodedValue(name: "pr", timeUnixMs: testNow, value: 90, unit: "/min", status: .gatewayTime),
        ])
        #expect(batch.conditions.isEmpty)
    }

    @Test func referenceVectorWithStatusAndPAI() throws {
        let batch = try decode(0x2A5F, "1C 5F 00 5A 00 20 00 00 00 00 57 F0")
        #expect(batch.values == [
            DecodedValue(name: "spo2", timeUnixMs: testNow, value: 95, unit: "%", status: .gatewayTime),
            DecodedValue(name: "pr", timeUnixMs: testNow, value: 90, unit: "/min", status: .gatewayTime),
            DecodedValue(name: "pai", timeUnixMs: testNow, value: 8.7, unit: "%", status: .gatewayTime),
        ])
        // "Measurement ongoing" keeps the values as they are and is reported as a state.
        #expect(batch.activeConditions == ["measurement-ongoing"])
        // Device status 0: every sensor condition is reported clear.
        #expect(batch.condition("sensor-off") == false)
        #expect(batch.condition("low-perfusion") == false)
        #expect(batch.condition("sensor-disconnected") == false)
    }

    @Test func fastAndSlowVariants() throws {
        // normal 97/72, fast 96/75, slow 98/70
        let batch = try decode(0x2A5F, "03 61 00 48 00 60 00 4B 00 62 00 46 00")
        #expect(batch.values.map(\.name) == ["spo2", "pr", "spo2-fast", "pr-fast", "spo2-slow", "pr-slow"])
        #expect(batch.values.map(\.value) == [97, 72, 96, 75, 98, 70])
        #expect(batch.values.map(\.unit) == ["%", "/min", "%", "/min", "%", "/min"])
    }

    @Test(arguments: [
        (UInt16(0x0400), MeasurementStatus.demonstration),
        (0x0800, .testing),
        (0x4000, .questionable),
        (0x8000, .invalid),
        (0x0040, .questionable),  // early estimate
        (0x1000, .questionable),  // calibration ongoing
        (0x2000, .invalid),  // measurement unavailable
        (0x0020, []),  // ongoing
        (0x0380, []),  // validated, fully qualified, from storage
        (0x0C00, [.demonstration, .testing]),
    ] as [(UInt16, MeasurementStatus)])
    func measurementStatusFlagsEveryValue(_ status: UInt16, _ effect: MeasurementStatus) throws {
        // fast variant and PAI present too, so values decoded before and after the status field are covered
        let batch = try decode(0x2A5F, "15 61 00 48 00 60 00 4B 00 \(hexByte(status & 0xFF)) \(hexByte(status >> 8)) 57 F0")
        #expect(batch.values.count == 5)
        for value in batch.values { #expect(value.status == effect.union(.gatewayTime), "\(value.name)") }
    }

    @Test(arguments: [
        (UInt32(1 << 5), "low-perfusion", MeasurementStatus.lowPerfusion),
        (1 << 11, "sensor-off", .sensorProblem),
        (1 << 15, "sensor-disconnected", .sensorProblem),
        (1 << 14, "defective-sensor", .sensorProblem),
        (1 << 10, "interference", .artifact),
        (1 << 9, "pulse-search", []),
        (1 << 4, "poor-signal", .questionable),
        (1 << 1, "equipment-malfunction", .sensorProblem),
    ] as [(UInt32, String, MeasurementStatus)])
    func deviceAndSensorStatus(_ bits: UInt32, _ code: String, _ effect: MeasurementStatus) throws {
        let bytes = "\(hexByte(UInt16(bits & 0xFF))) \(hexByte(UInt16((bits >> 8) & 0xFF))) \(hexByte(UInt16(bits >> 16)))"
        let batch = try decode(0x2A5F, "08 61 00 48 00 \(bytes)")
        #expect(batch.activeConditions == [code])
        #expect(batch.conditions.count == 15)
        #expect(batch.values.allSatisfy { $0.status == effect.union(.gatewayTime) })
    }

    @Test func specialValuesAreAbsentWithTheirReason() throws {
        let batch = try decode(0x2A5F, "10 FF 07 00 08 FE 07")
        #expect(batch.values.map(\.value) == [nil, nil, nil])
        #expect(batch.values.map(\.absentReason) == ["not-a-number", "error", "positive-infinity"])
    }

    @Test(arguments: [
        "", "00", "00 E8 F3 84", "01 E8 F3 84 F3", "01 E8 F3 84 F3 60 00 4B", "02 E8 F3 84 F3 60 00",
        "04 E8 F3 84 F3 20", "08 E8 F3 84 F3 00 00", "10 E8 F3 84 F3", "00 E8 F3 84 F3 00",
        "1C 5F 00 5A 00 20 00 00 00 00 57",
    ])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A5F, vector) }
    }
}

@Suite struct PLXSpotCheckMeasurementTests {
    /// 2024-11-29 14:30:00
    let timestampMs: Int64 = 1_732_890_600_000

    @Test func demonstrationDataIsFlaggedOnEveryValue() throws {
        // SpO2 98, PR 72, timestamp, status "demonstration data", device status "low perfusion", PAI 8.7
        let batch = try decode(0x2A5E, "0F 62 00 48 00 E8 07 0B 1D 0E 1E 00 00 04 20 00 00 57 F0")
        let status: MeasurementStatus = [.demonstration, .lowPerfusion]
        #expect(batch.values == [
            DecodedValue(name: "spo2", timeUnixMs: timestampMs, value: 98, unit: "%", status: status),
            DecodedValue(name: "pr", timeUnixMs: timestampMs, value: 72, unit: "/min", status: status),
            DecodedValue(name: "pai", timeUnixMs: timestampMs, value: 8.7, unit: "%", status: status),
        ])
        #expect(batch.activeConditions == ["low-perfusion"])
        #expect(batch.condition("device-clock-not-set") == false)
    }

    @Test func testingDataAndInvalid() throws {
        let batch = try decode(0x2A5E, "02 62 00 48 00 00 88")
        #expect(batch.values.allSatisfy { $0.status == [.testing, .invalid, .gatewayTime] })
    }

    @Test func unsetDeviceClockDiscardsTheTimestamp() throws {
        let batch = try decode(0x2A5E, "11 62 00 48 00 B2 07 01 01 00 05 00")
        #expect(batch.values.allSatisfy { $0.timeUnixMs == testNow && $0.status == .gatewayTime })
        #expect(batch.activeConditions == ["device-clock-not-set"])
    }

    @Test func minimalSpotCheck() throws {
        let batch = try decode(0x2A5E, "00 62 00 48 00")
        #expect(batch.values == [
            DecodedValue(name: "spo2", timeUnixMs: testNow, value: 98, unit: "%", status: .gatewayTime),
            DecodedValue(name: "pr", timeUnixMs: testNow, value: 72, unit: "/min", status: .gatewayTime),
        ])
    }

    @Test(arguments: [
        "", "00 62 00 48", "01 62 00 48 00 E8 07 0B 1D 0E 1E", "02 62 00 48 00 00", "04 62 00 48 00 20 00",
        "08 62 00 48 00 57", "00 62 00 48 00 57", "0F 62 00 48 00 E8 07 0B 1D 0E 1E 00 00 04 20 00 00 57",
        "01 62 00 48 00 E8 07 0B 1D 0E 3C 00",  // minute 60
    ])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A5E, vector) }
    }
}
