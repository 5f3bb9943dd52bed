import Detection
import GatewayModel
import Testing

@Suite struct ClippingDetectorTests {
    func detector() -> ClippingDetector {
        ClippingDetector(device: "bed1", channel: Fixtures.ecg, lowerRail: -1_000, upperRail: 1_000, window: .seconds(2), raiseFraction: 0.1)
    }

    func run(_ detector: inout ClippingDetector, fromMs: Int64, toMs: Int64, _ sample: @escaping (Int64) -> Int32) -> [Event] {
        Fixtures.chunks(fromMs: fromMs, toMs: toMs, sample).flatMap { detector.observe($0) }
    }

    @Test func raisesWhenTheRailedFractionReachesTheLimitAndClearsAtHalfOfIt() {
        var detector = detector()
        #expect(run(&detector, fromMs: 0, toMs: 4_000, Fixtures.wavy).isEmpty)
        // Saturated at the upper rail from 4 s: 10 % of the 501 samples of a 2 s window after 51 samples.
        let saturated = run(&detector, fromMs: 4_000, toMs: 6_000) { _ in 1_000 }
        #expect(saturated.map(\.kind) == [.raised])
        #expect(saturated.first?.timeUnixMs == 4_200)
        #expect(saturated.first?.onsetUnixMs == 4_000)
        #expect(saturated.first?.rule == "clipping" && saturated.first?.priority == .low)
        // Clears once at most 5 % (25 samples) of the window are railed: the last railed sample is at 5.996 s.
        let recovered = run(&detector, fromMs: 6_000, toMs: 9_000, Fixtures.wavy)
        #expect(recovered.map(\.kind) == [.cleared])
        #expect(recovered.first?.timeUnixMs == 7_900)
    }

    @Test func occasionalRailedSamplesDoNotRaise() {
        var detector = detector()
        // 1 sample in 20 at the lower rail: 5 %.
        #expect(run(&detector, fromMs: 0, toMs: 10_000) { $0 % 80 == 0 ? -1_200 : Fixtures.wavy($0) }.isEmpty)
    }
}
