import Detection
import GatewayModel
import Testing

@Suite struct TrendDetectorTests {
    /// Baseline 20 min, recent 5 min; readings every 30 s, so the recent window holds 11 readings.
    let rule = TrendRule(baselineWindow: .seconds(20 * 60), recentWindow: .seconds(5 * 60), k: 3, minimumChange: 2, direction: .falling)

    func detector() -> TrendDetector { TrendDetector(device: "bed1", channel: Fixtures.spo2, rule: rule) }

    /// Feeds one reading every 30 s from `fromS` (inclusive) to `toS` (exclusive), seconds of stream time.
    func feed(_ detector: inout TrendDetector, fromS: Int64, toS: Int64, _ value: (Int64) -> Double?) -> [Event] {
        stride(from: fromS, to: toS, by: 30).flatMap { detector.observe(Fixtures.reading(value($0), atMs: $0 * 1_000)) }
    }

    /// 94.5 / 95.5 alternating: median 95, scaled MAD 0.74, so the threshold is 3 × 0.74 = 2.2.
    func steady(_ second: Int64) -> Double { second % 60 == 0 ? 94.5 : 95.5 }

    @Test func aSingleSpikeDoesNotFire() {
        var detector = detector()
        #expect(feed(&detector, fromS: 0, toS: 3_600) { $0 == 1_800 ? 70 : steady($0) }.isEmpty)
    }

    @Test func aSustainedDropFiresOnceTheRecentMedianMovesAndClearsWhenItReturns() {
        var detector = detector()
        #expect(feed(&detector, fromS: 0, toS: 1_500, steady).isEmpty)
        // From 1500 s SpO2 sits at 90: the recent median flips on the 6th of 11 readings, at 1650 s.
        #expect(feed(&detector, fromS: 1_500, toS: 1_650) { _ in 90 }.isEmpty)
        let raised = feed(&detector, fromS: 1_650, toS: 1_680) { _ in 90 }
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.rule == "trend" && raised.first?.priority == .low)
        #expect(raised.first?.value == 90)
        #expect(raised.first?.onsetUnixMs == 1_350_000, "the first reading of the recent window")
        let cleared = feed(&detector, fromS: 1_680, toS: 2_100, steady)
        #expect(cleared.map(\.kind) == [.cleared])
        #expect(cleared.first?.id == raised.first?.id)
    }

    @Test func aRiseDoesNotFireAFallingRule() {
        var detector = detector()
        #expect(feed(&detector, fromS: 0, toS: 3_000) { $0 < 1_500 ? 90 : 99 }.isEmpty)
    }

    @Test func invalidAndAbsentReadingsAreSkipped() {
        var detector = detector()
        #expect(feed(&detector, fromS: 0, toS: 1_500, steady).isEmpty)
        var events: [Event] = []
        for second in stride(from: Int64(1_500), to: 1_800, by: 30) {
            events += detector.observe(Fixtures.reading(60, atMs: second * 1_000, status: .invalid))
            events += detector.observe(Fixtures.reading(nil, atMs: second * 1_000 + 1))
            events += detector.observe(Fixtures.reading(steady(second), atMs: second * 1_000 + 2))
        }
        #expect(events.isEmpty)
    }
}
