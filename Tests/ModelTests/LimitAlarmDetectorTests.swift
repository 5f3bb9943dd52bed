import Detection
import GatewayModel
import Testing

@Suite struct LimitAlarmDetectorTests {
    let spo2 = ChannelDescriptor(name: "spo2", code: ChannelCode(mdc: 150456, loinc: "59408-5"), unit: "%")

    func reading(_ value: Double?, at seconds: Int64) -> Measurement {
        Measurement(device: "bed1", channel: spo2, timeUnixMs: seconds * 1000, value: value)
    }

    @Test func raisesAfterTheConditionDelayAndClearsWithHysteresis() {
        var detector = LimitAlarmDetector(
            device: "bed1", channel: spo2, rules: [LimitRule(bound: .below(90), delay: .seconds(10), hysteresis: 2, priority: .high)]
        )
        #expect(detector.observe(reading(89, at: 0)).isEmpty)
        #expect(detector.observe(reading(88, at: 9)).isEmpty)
        let raised = detector.observe(reading(87, at: 10))
        #expect(raised.count == 1)
        #expect(raised.first?.kind == .raised && raised.first?.priority == .high && raised.first?.rule == "below-90")
        #expect(detector.observe(reading(91, at: 11)).isEmpty, "inside the hysteresis band the alarm holds")
        let cleared = detector.observe(reading(92, at: 12))
        #expect(cleared.map(\.kind) == [.cleared])
        #expect(cleared.first?.id == raised.first?.id)
    }

    @Test func aBriefExcursionDoesNotRaise() {
        var detector = LimitAlarmDetector(device: "bed1", channel: spo2, rules: [LimitRule(bound: .below(90), delay: .seconds(5), priority: .medium)])
        #expect(detector.observe(reading(85, at: 0)).isEmpty)
        #expect(detector.observe(reading(95, at: 3)).isEmpty)
        #expect(detector.observe(reading(85, at: 4)).isEmpty)
        #expect(detector.observe(reading(85, at: 8)).isEmpty)
        #expect(detector.observe(reading(85, at: 9)).count == 1)
    }

    @Test func missingAndInvalidValuesNeitherRaiseNorClear() {
        var detector = LimitAlarmDetector(device: "bed1", channel: spo2, rules: [LimitRule(bound: .above(100), priority: .low)])
        #expect(detector.observe(reading(nil, at: 0)).isEmpty)
        var invalid = reading(150, at: 1)
        invalid.status = .invalid
        #expect(detector.observe(invalid).isEmpty)
        #expect(detector.observe(reading(101, at: 2)).count == 1)
    }
}
