import Detection
import GatewayModel
import Testing

@Suite struct LeadOffDetectorTests {
    @Test func raisesAfterItsDelayAndClearsWhenReattached() {
        var detector = LeadOffDetector(device: "bed1", channel: Fixtures.ecg, delay: .seconds(2))
        #expect(detector.observe(leadOff: true, atUnixMs: 1_000).isEmpty)
        #expect(detector.isLeadOff, "the usability flag follows at once, whatever the delay")
        #expect(detector.observe(leadOff: true, atUnixMs: 2_999).isEmpty)
        let raised = detector.observe(leadOff: true, atUnixMs: 3_000)
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.rule == "lead-off" && raised.first?.priority == .medium && raised.first?.onsetUnixMs == 1_000)
        let cleared = detector.observe(leadOff: false, atUnixMs: 4_000)
        #expect(cleared.map(\.kind) == [.cleared] && cleared.first?.id == raised.first?.id)
        #expect(!detector.isLeadOff)
    }

    @Test func readsTheSensorProblemFlagAsLeadOff() {
        var detector = LeadOffDetector(device: "bed1", channel: Fixtures.ecg)
        #expect(detector.observe(Fixtures.reading(nil, atMs: 0, channel: Fixtures.ecg, status: .sensorProblem)).map(\.kind) == [.raised])
        #expect(detector.observe(Fixtures.reading(0.1, atMs: 500, channel: Fixtures.ecg)).map(\.kind) == [.cleared])
    }
}
