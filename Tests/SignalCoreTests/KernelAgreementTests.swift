import SignalCore
import Testing

/// Every SIMD kernel against its plain scalar reference on seeded random input.
@Suite("SIMD kernels agree with scalar references")
struct KernelAgreementTests {
    @Test("FIR", arguments: [1, 5, 13, 31])
    func fir(tapCount: Int) {
        let taps = TestSignals.noise(count: tapCount, seed: 7)
        let input = TestSignals.noise(count: 5_003, seed: 8)
        var simd = FIRFilter(taps: taps)
        var scalar = ScalarFIRFilter(taps: taps)
        #expect(TestSignals.maxAbsDifference(simd.process(input), scalar.process(input)) <= 1e-5 * Float(tapCount))
    }

    @Test("Pan-Tompkins derivative of a ramp is its slope")
    func derivativeOfRamp() {
        var derivative = FIRFilter.panTompkinsDerivative(sampleRate: 200)
        let ramp = (0..<100).map { Float($0) * 0.01 }
        let output = derivative.process(ramp)
        // A ramp of 0.01 per sample at 200 Hz rises 2 units per second.
        #expect(output[10...].allSatisfy { abs($0 - 2) < 1e-4 })
    }

    @Test("Moving-window integrator", arguments: [1, 5, 8, 54, 150])
    func integrator(window: Int) {
        let input = TestSignals.noise(count: 40_000, seed: 9, amplitude: 3, offset: 2)
        var simd = MovingWindowIntegrator(window: window)
        var scalar = ScalarMovingWindowIntegrator(window: window)
        #expect(TestSignals.maxAbsDifference(simd.process(input), scalar.process(input)) <= 1e-4)
    }

    @Test("Squaring")
    func squaring() {
        let input = TestSignals.noise(count: 1_001, seed: 10)
        var fast: [Float] = []
        Squaring.apply(input, into: &fast)
        #expect(fast == input.map { $0 * $0 })
        var reference = [Float](repeating: 0, count: input.count)
        input.withUnsafeBufferPointer { i in reference.withUnsafeMutableBufferPointer { ScalarSquaring.apply(i, into: $0) } }
        #expect(fast == reference)
    }

    @Test("Rolling mean and variance, with a large offset", arguments: [1, 7, 32, 100])
    func rollingMeanVariance(window: Int) {
        let input = TestSignals.noise(count: 6_000, seed: 11, amplitude: 5, offset: 1_000)
        var simd = RollingMeanVariance(window: window)
        var scalar = ScalarRollingMeanVariance(window: window)
        var mean: [Float] = [], variance: [Float] = []
        simd.process(input, mean: &mean, variance: &variance)
        for (n, x) in input.enumerated() {
            let expected = scalar.process(x)
            #expect(abs(mean[n] - expected.mean) <= 1e-3, "mean at \(n)")
            #expect(abs(variance[n] - expected.variance) <= 1e-2, "variance at \(n)")
        }
    }

    @Test("Rolling extrema", arguments: [1, 3, 16, 90])
    func rollingExtrema(window: Int) {
        let input = TestSignals.noise(count: 3_000, seed: 12).map { ($0 * 8).rounded() }  // ties on purpose
        var deque = RollingExtrema(window: window)
        var scalar = ScalarRollingExtrema(window: window)
        for x in input {
            let fast = deque.process(x)
            let reference = scalar.process(x)
            #expect(fast == reference)
        }
    }

    @Test("Pan-Tompkins front end", arguments: [125.0, 360.0, 1000.0])
    func frontEnd(rate: Double) {
        let configuration = PanTompkinsConfiguration(sampleRate: rate)
        let input = TestSignals.noise(count: 20_000, seed: 13, amplitude: 1, offset: 0.3)
        var simd = PanTompkinsFrontEnd(configuration: configuration)
        var scalar = ScalarPanTompkinsFrontEnd(configuration: configuration)
        var (f1, i1, f2, i2) = ([Float](), [Float](), [Float](), [Float]())
        simd.process(input, filtered: &f1, integrated: &i1)
        scalar.process(input, filtered: &f2, integrated: &i2)
        #expect(TestSignals.maxAbsDifference(f1, f2) <= 5e-4 * TestSignals.peakAbs(f2))
        #expect(TestSignals.maxAbsDifference(i1, i2) <= 1e-3 * TestSignals.peakAbs(i2))
    }
}
