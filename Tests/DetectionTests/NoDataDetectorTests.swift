import Detection
import GatewayModel
import Testing

@Suite struct NoDataDetectorTests {
    @Test func raisesAfterTheTimeoutAndClearsWhenDataResumes() {
        var detector = NoDataDetector(device: "bed1", channel: Fixtures.spo2, timeout: .seconds(10))
        #expect(detector.observe(atUnixMs: 1_000).isEmpty)
        #expect(detector.tick(nowUnixMs: 10_999).isEmpty)
        let raised = detector.tick(nowUnixMs: 11_000)
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.rule == "no-data" && raised.first?.priority == .medium)
        #expect(raised.first?.onsetUnixMs == 1_000)
        #expect(detector.tick(nowUnixMs: 12_000).isEmpty, "raised once")
        let cleared = detector.observe(atUnixMs: 13_000)
        #expect(cleared.map(\.kind) == [.cleared])
        #expect(cleared.first?.id == raised.first?.id)
    }

    @Test func staysSilentBeforeAnyDataUnlessArmed() {
        var silent = NoDataDetector(device: "bed1", channel: Fixtures.spo2, timeout: .seconds(5))
        #expect(silent.tick(nowUnixMs: 60_000).isEmpty)
        var armed = NoDataDetector(device: "bed1", channel: Fixtures.spo2, timeout: .seconds(5), armedAtUnixMs: 0)
        #expect(armed.tick(nowUnixMs: 5_000).count == 1)
    }

    @Test func aWaveformChunkCountsUpToItsLastSample() {
        var detector = NoDataDetector(device: "bed1", channel: Fixtures.ecg, timeout: .seconds(2))
        _ = detector.observe(Fixtures.chunk(startMs: 0, count: 250) { _ in 0 })
        #expect(detector.tick(nowUnixMs: 2_995).isEmpty, "the last sample is at 996 ms")
        #expect(detector.tick(nowUnixMs: 2_996).count == 1)
    }
}
