import DeviceCodecs
import GatewayModel
import Testing

@Suite struct HeartRateMeasurementTests {
    @Test func eightBitRateWithoutContactSupport() throws {
        let batch = try decode(0x2A37, "00 55")
        #expect(batch.values == [DecodedValue(name: "hr", timeUnixMs: testNow, value: 85, unit: "/min", status: .gatewayTime)])
        #expect(batch.conditions.isEmpty)
        #expect(batch.frames == 1)
    }

    @Test func contactSupportedButNotDetectedMarksEveryValueQuestionable() throws {
        let batch = try decode(0x2A37, "04 FF")
        #expect(batch.values == [DecodedValue(name: "hr", timeUnixMs: testNow, value: 255, unit: "/min", status: [.gatewayTime, .questionable])])
        #expect(batch.conditions == [DeviceCondition(code: "sensor-contact-lost", active: true, timeUnixMs: testNow)])
    }

    @Test func energyAndOneRRInterval() throws {
        let batch = try decode(0x2A37, "1E 55 32 00 21 00")
        #expect(batch.values == [
            DecodedValue(name: "hr", timeUnixMs: testNow, value: 85, unit: "/min", status: .gatewayTime),
            DecodedValue(name: "energy-expended", timeUnixMs: testNow, value: 50, unit: "kJ", status: .gatewayTime),
            DecodedValue(name: "rr-interval", timeUnixMs: testNow, value: 32.226_562_5, unit: "ms", status: .gatewayTime),
        ])
        // Contact detected: the condition is reported as clear, so a consumer can end it.
        #expect(batch.conditions == [DeviceCondition(code: "sensor-contact-lost", active: false, timeUnixMs: testNow)])
    }

    @Test func sixteenBitRateAndThreeRRIntervalsStampedAtTheirEnds() throws {
        let batch = try decode(0x2A37, "1F 01 01 32 01 01 00 02 01 FF FF")
        #expect(batch.value("hr")?.value == 257)
        #expect(batch.value("energy-expended")?.value == 306)
        let rr = batch.values.filter { $0.name == "rr-interval" }
        // n/1024 s is an exact binary fraction of a millisecond: no rounding to allow for.
        let expectedMs: [Double?] = [0.976_562_5, 251.953_125, 63_999.023_437_5]
        #expect(rr.map(\.value) == expectedMs)
        #expect(rr.allSatisfy { $0.unit == "ms" && $0.status == .gatewayTime })
        // The last interval ends at receipt; each earlier one ends where the next began.
        // 65535 ticks = 63 999.02 ms and 258 + 65535 ticks = 64 250.98 ms, to the nearest ms.
        let expectedTimes: [Int64] = [testNow - 64_251, testNow - 63_999, testNow]
        #expect(rr.map(\.timeUnixMs) == expectedTimes)
        #expect(batch.condition("sensor-contact-lost") == false)
    }

    @Test(arguments: [
        "17 01 01",  // the reference's invalid vector: RR flag set, no interval follows
        "", "00", "01 55", "08 55 32", "10 55 21", "10 55 21 00 33", "00 55 00", "1E 55 32 00 21 00 00",
    ])
    func rejectsTruncatedOrInconsistentPayloads(_ vector: String) {
        #expect(throws: DecodeError.self) { try decode(0x2A37, vector) }
    }

    @Test func errorsNameTheCharacteristicAndTheMissingField() {
        #expect {
            try decode(0x2A37, "08 55 32")
        } throws: { error in
            let message = (error as? DecodeError)?.message ?? ""
            return message.hasPrefix("0x2A37 Heart Rate Measurement:") && message.contains("energy expended")
        }
    }
}
