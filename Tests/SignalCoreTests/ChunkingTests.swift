import SignalCore
import Testing

/// Streaming in random chunk sizes (1 included) must reproduce one whole pass exactly.
@Suite("Chunking never changes the output")
struct ChunkingTests {
    static let input = TestSignals.noise(count: 4_000, seed: 21, amplitude: 2, offset: 0.25)
    static let kernels: [(String, any StreamingFilter)] = [
        ("block cascade", BiquadCascade(sections: PanTompkinsConfiguration(sampleRate: 250).bandPassSections)),
        ("scalar cascade", ScalarBiquadCascade(sections: [.notch(centre: 50, sampleRate: 250, q: 3)])),
        ("FIR", FIRFilter(taps: TestSignals.noise(count: 11, seed: 22))),
        ("scalar FIR", ScalarFIRFilter(taps: TestSignals.noise(count: 11, seed: 22))),
        ("integrator", MovingWindowIntegrator(window: 37)),
        ("short integrator", MovingWindowIntegrator(window: 3)),
        ("scalar integrator", ScalarMovingWindowIntegrator(window: 37)),
    ]

    @Test("Streaming filters", arguments: kernels.indices, [1, 2, 3] as [UInt64])
    func streamingFilter(kernel: Int, seed: UInt64) {
        let filter = Self.kernels[kernel].1
        let whole = Self.whole(filter)
        let chunked = Self.chunked(filter, seed: seed)
        #expect(chunked == whole, "\(Self.kernels[kernel].0)")
    }

    private static func whole(_ filter: any StreamingFilter) -> [Float] {
        TestSignals.streamed(filter, input, bounds: [0..<input.count])
    }

    private static func chunked(_ filter: any StreamingFilter, seed: UInt64) -> [Float] {
        TestSignals.streamed(filter, input, bounds: TestSignals.chunkBounds(count: input.count, seed: seed))
    }

    @Test("Pan-Tompkins front end", arguments: [1, 2, 3] as [UInt64])
    func frontEnd(seed: UInt64) {
        let configuration = PanTompkinsConfiguration(sampleRate: 360)
        var whole = PanTompkinsFrontEnd(configuration: configuration)
        var (filtered, integrated) = ([Float](), [Float]())
        whole.process(Self.input, filtered: &filtered, integrated: &integrated)
        var streaming = PanTompkinsFrontEnd(configuration: configuration)
        var (f, i, chunkF, chunkI) = ([Float](), [Float](), [Float](), [Float]())
        for range in TestSignals.chunkBounds(count: Self.input.count, seed: seed) {
            streaming.process(Array(Self.input[range]), filtered: &chunkF, integrated: &chunkI)
            f += chunkF
            i += chunkI
        }
        #expect(f == filtered)
        #expect(i == integrated)
    }

    @Test("Rolling mean and variance", arguments: [1, 2] as [UInt64])
    func rollingMeanVariance(seed: UInt64) {
        var whole = RollingMeanVariance(window: 29)
        var (mean, variance) = ([Float](), [Float]())
        whole.process(Self.input, mean: &mean, variance: &variance)
        var streaming = RollingMeanVariance(window: 29)
        var (m, v, chunkM, chunkV) = ([Float](), [Float](), [Float](), [Float]())
        for range in TestSignals.chunkBounds(count: Self.input.count, seed: seed) {
            streaming.process(Array(Self.input[range]), mean: &chunkM, variance: &chunkV)
            m += chunkM
            v += chunkV
        }
        #expect(m == mean)
        #expect(v == variance)
    }

    @Test("Peak finder", arguments: [1, 2, 3] as [UInt64])
    func peakFinder(seed: UInt64) {
        let signal = TestSignals.noise(count: 4_000, seed: 30 + seed).map { $0 * $0 * $0 }
        var whole = PeakFinder(threshold: 0.3, refractory: 25)
        var expected: [Peak] = []
        whole.process(signal, into: &expected)
        var streaming = PeakFinder(threshold: 0.3, refractory: 25)
        var peaks: [Peak] = []
        for range in TestSignals.chunkBounds(count: signal.count, seed: seed) {
            streaming.process(Array(signal[range]), into: &peaks)
        }
        #expect(!expected.isEmpty)
        #expect(peaks == expected)
    }
}
