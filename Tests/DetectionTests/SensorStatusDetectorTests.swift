import Detection
import GatewayModel
import Testing

@Suite struct SensorStatusDetectorTests {
    @Test func lowPerfusionRaisesAfterItsDelayAndClearsOnACleanReading() {
        var detector = SensorStatusDetector(device: "bed1", channel: Fixtures.spo2)
        #expect(detector.observe(Fixtures.reading(95, atMs: 0, status: .lowPerfusion)).isEmpty)
        #expect(detector.observe(Fixtures.reading(95, atMs: 9_999, status: .lowPerfusion)).isEmpty)
        let raised = detector.observe(Fixtures.reading(95, atMs: 10_000, status: .lowPerfusion))
        #expect(raised.map(\.rule) == ["low-perfusion"] && raised.first?.priority == .low)
        #expect(detector.observe(Fixtures.reading(96, atMs: 11_000)).map(\.kind) == [.cleared])
    }

    @Test func oneCauseRaisesOneAlarm() {
        var detector = SensorStatusDetector(device: "bed1", channel: Fixtures.spo2)
        var events: [Event] = []
        for second in Int64(0)...12 {
            events += detector.observe(Fixtures.reading(nil, atMs: second * 1_000, status: .sensorProblem))
        }
        #expect(events.map(\.rule) == ["sensor-problem"], "a sensor-off reading without a value is not also no-value")
        #expect(events.first?.priority == .medium && events.first?.timeUnixMs == 0)
    }

    @Test func missingValuesRaiseNoValueAfterTheDelay() {
        var detector = SensorStatusDetector(device: "bed1", channel: Fixtures.spo2)
        #expect(detector.observe(Fixtures.reading(nil, atMs: 0)).isEmpty)
        #expect(detector.observe(Fixtures.reading(nil, atMs: 5_000)).isEmpty)
        #expect(detector.observe(Fixtures.reading(nil, atMs: 10_000)).map(\.rule) == ["no-value"])
    }
}
