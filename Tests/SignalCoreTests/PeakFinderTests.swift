import SignalCore
import Testing

@Suite("Peak finder")
struct PeakFinderTests {
    /// Zeros with triangular bumps of the given heights centred at the given indices.
    static func bumps(_ spec: [(index: Int, height: Float)], count: Int) -> [Float] {
        var signal = [Float](repeating: 0, count: count)
        for bump in spec {
            for k in -3...3 { signal[bump.index + k] = max(signal[bump.index + k], bump.height * (1 - Float(abs(k)) / 4)) }
        }
        return signal
    }

    @Test("Honours the refractory period: the higher of two close peaks wins")
    func refractory() {
        let signal = Self.bumps([(100, 1), (130, 2), (200, 1.5), (260, 1), (280, 0.9), (400, 3), (420, 0.2)], count: 600)
        var finder = PeakFinder(threshold: 0.5, refractory: 50)
        var peaks: [Peak] = []
        finder.process(signal, into: &peaks)
        #expect(peaks.map(\.index) == [130, 200, 260, 400])
        #expect(zip(peaks, peaks.dropFirst()).allSatisfy { $1.index - $0.index >= 50 })
    }

    @Test("Ignores peaks below the threshold and counts a plateau once")
    func thresholdAndPlateau() {
        var signal = Self.bumps([(50, 0.4), (150, 1)], count: 300)
        for n in 148...152 { signal[n] = 1 }
        var finder = PeakFinder(threshold: 0.5, refractory: 10)
        var peaks: [Peak] = []
        finder.process(signal, into: &peaks)
        #expect(peaks == [Peak(index: 148, value: 1)])
    }

    @Test("SIMD skipping finds exactly the scalar reference's peaks", arguments: [0.0, 0.5, 2.0] as [Float])
    func matchesScalar(threshold: Float) {
        let signal = TestSignals.noise(count: 20_000, seed: 40).map { $0 * $0 * $0 * 3 }
        var fast = PeakFinder(threshold: threshold, refractory: 17)
        var reference = ScalarPeakFinder(threshold: threshold, refractory: 17)
        var (a, b) = ([Peak](), [Peak]())
        fast.process(signal, into: &a)
        reference.process(signal, into: &b)
        #expect(!b.isEmpty)
        #expect(a == b)
    }
}
