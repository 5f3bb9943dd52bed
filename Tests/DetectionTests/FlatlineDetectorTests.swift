import Detection
import GatewayModel
import Testing

@Suite struct FlatlineDetectorTests {
    /// 0.05 mV = 10 raw units at the fixtures' 0.005 mV scale.
    func detector(hysteresis: Double = 0) -> FlatlineDetector {
        FlatlineDetector(device: "bed1", channel: Fixtures.ecg, window: .seconds(3), minimumPeakToPeak: 0.05, hysteresis: hysteresis)
    }

    func run(_ detector: inout FlatlineDetector, fromMs: Int64, toMs: Int64, _ sample: @escaping (Int64) -> Int32) -> [Event] {
        Fixtures.chunks(fromMs: fromMs, toMs: toMs, sample).flatMap { detector.observe($0) }
    }

    @Test func raisesOnceTheWholeWindowIsFlatAndClearsWhenItVaries() {
        var detector = detector()
        #expect(run(&detector, fromMs: 0, toMs: 5_000, Fixtures.wavy).isEmpty)
        // Flat with a little noise (4 raw = 0.02 mV peak to peak) from 5 s; the last wavy sample is at 4.996 s.
        let flat = run(&detector, fromMs: 5_000, toMs: 10_000) { Int32(7 + $0 % 8 / 4 * 4) }
        #expect(flat.map(\.kind) == [.raised])
        #expect(flat.first?.timeUnixMs == 8_000, "3 s after the last varying sample, not before")
        #expect(flat.first?.onsetUnixMs == 5_000)
        #expect(flat.first?.rule == "flatline" && flat.first?.priority == .medium)
        let resumed = run(&detector, fromMs: 10_000, toMs: 11_000, Fixtures.wavy)
        #expect(resumed.map(\.kind) == [.cleared])
        #expect(resumed.first?.timeUnixMs == 10_000)
        #expect(resumed.first?.id == flat.first?.id)
    }

    /// A chunk longer than a pass (1,024 samples): the raise lands on the right sample of a later pass.
    @Test func aLongChunkRaisesAtTheRightSampleOfALaterPass() {
        var detector = detector()
        // 3,000 samples at 250 Hz: varying up to 4.396 s (sample 1,099), then flat.
        let chunk = Fixtures.chunk(startMs: 0, count: 3_000) { $0 < 1_100 ? Fixtures.wavy(Int64($0) * 4) : 7 }
        let events = detector.observe(chunk)
        #expect(events.map(\.kind) == [.raised])
        #expect(events.first?.timeUnixMs == 7_400, "the first sample 3 s after the last varying one, in the second pass")
        #expect(events.first?.onsetUnixMs == 4_400)
    }

    @Test func clearsOnlyPastTheHysteresis() {
        var detector = detector(hysteresis: 0.05)
        #expect(run(&detector, fromMs: 0, toMs: 4_000) { _ in 0 }.map(\.kind) == [.raised])
        // 12 raw = 0.06 mV: above the flat threshold but inside the hysteresis.
        #expect(run(&detector, fromMs: 4_000, toMs: 5_000) { $0 % 400 < 200 ? 12 : 0 }.isEmpty)
        #expect(run(&detector, fromMs: 5_000, toMs: 6_000) { $0 % 400 < 200 ? 20 : 0 }.map(\.kind) == [.cleared])
    }

    @Test func aGapRestartsTheWindow() {
        var detector = detector()
        #expect(run(&detector, fromMs: 0, toMs: 2_000) { _ in 0 }.isEmpty)
        // 2 s of flat, then a 5 s gap, then 2 s of flat again: never 3 s of contiguous signal.
        #expect(run(&detector, fromMs: 7_000, toMs: 9_000) { _ in 0 }.isEmpty)
        #expect(run(&detector, fromMs: 9_000, toMs: 10_200) { _ in 0 }.first?.timeUnixMs == 10_000)
    }
}
