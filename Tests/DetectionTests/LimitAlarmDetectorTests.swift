import Detection
import GatewayModel
import Testing

@Suite struct LimitAlarmDetectorTests {
    func detector(_ rule: LimitRule) -> LimitAlarmDetector {
        LimitAlarmDetector(device: "bed1", channel: Fixtures.spo2, rules: [rule])
    }

    @Test func raisesAfterItsDelayNotBeforeWithTheOnset() {
        var detector = detector(LimitRule(bound: .below(90), delay: .seconds(10), hysteresis: 2, priority: .high))
        #expect(detector.observe(Fixtures.reading(89, atMs: 1_000)).isEmpty)
        #expect(detector.observe(Fixtures.reading(88, atMs: 10_999)).isEmpty, "9.999 s is short of the 10 s delay")
        let raised = detector.observe(Fixtures.reading(87, atMs: 11_000))
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.onsetUnixMs == 1_000)
        #expect(raised.first?.timeUnixMs == 11_000)
        #expect(raised.first?.rule == "below-90" && raised.first?.priority == .high)
    }

    @Test func clearsOnlyPastTheHysteresis() {
        var detector = detector(LimitRule(bound: .above(120), hysteresis: 5, priority: .medium))
        let raised = detector.observe(Fixtures.reading(130, atMs: 0))
        #expect(raised.count == 1)
        #expect(detector.observe(Fixtures.reading(119, atMs: 1_000)).isEmpty, "back inside the limit but within the hysteresis")
        #expect(detector.observe(Fixtures.reading(115.1, atMs: 2_000)).isEmpty)
        let cleared = detector.observe(Fixtures.reading(115, atMs: 3_000))
        #expect(cleared.map(\.kind) == [.cleared])
        #expect(cleared.first?.id == raised.first?.id)
        #expect(cleared.first?.onsetUnixMs == 0)
    }

    @Test func aLapseRestartsTheDelay() {
        var detector = detector(LimitRule(bound: .below(90), delay: .seconds(5), priority: .medium))
        #expect(detector.observe(Fixtures.reading(85, atMs: 0)).isEmpty)
        #expect(detector.observe(Fixtures.reading(95, atMs: 3_000)).isEmpty)
        #expect(detector.observe(Fixtures.reading(85, atMs: 4_000)).isEmpty)
        #expect(detector.observe(Fixtures.reading(85, atMs: 8_999)).isEmpty)
        #expect(detector.observe(Fixtures.reading(85, atMs: 9_000)).first?.onsetUnixMs == 4_000)
    }

    @Test func invalidOrAbsentReadingsNeitherRaiseNorClear() {
        var detector = detector(LimitRule(bound: .above(100), priority: .low))
        #expect(detector.observe(Fixtures.reading(nil, atMs: 0)).isEmpty)
        #expect(detector.observe(Fixtures.reading(150, atMs: 1_000, status: .invalid)).isEmpty)
        #expect(detector.observe(Fixtures.reading(.nan, atMs: 1_500)).isEmpty)
        #expect(detector.observe(Fixtures.reading(101, atMs: 2_000)).map(\.kind) == [.raised])
        #expect(detector.observe(Fixtures.reading(nil, atMs: 3_000)).isEmpty)
        #expect(detector.observe(Fixtures.reading(50, atMs: 4_000, status: .invalid)).isEmpty, "an invalid normal value must not clear")
        #expect(detector.isActive)
        #expect(detector.observe(Fixtures.reading(99, atMs: 5_000)).map(\.kind) == [.cleared])
    }

    @Test func rulesOnOneChannelAreIndependent() {
        var detector = LimitAlarmDetector(
            device: "bed1", channel: Fixtures.spo2,
            rules: [LimitRule(bound: .below(90), priority: .medium), LimitRule(bound: .below(85), priority: .high)]
        )
        #expect(detector.observe(Fixtures.reading(88, atMs: 0)).map(\.rule) == ["below-90"])
        #expect(detector.observe(Fixtures.reading(80, atMs: 1_000)).map(\.rule) == ["below-85"])
        #expect(detector.observe(Fixtures.reading(97, atMs: 2_000)).map(\.kind) == [.cleared, .cleared])
    }
}
