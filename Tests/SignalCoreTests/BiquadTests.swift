import SignalCore
import Testing

@Suite("Biquad design and cascades")
struct BiquadTests {
    static let rate = 360.0

    static let designs: [(String, [BiquadCoefficients])] = [
        ("low-pass", [.lowPass(cutoff: 15, sampleRate: rate)]),
        ("high-pass", [.highPass(cutoff: 5, sampleRate: rate)]),
        ("band-pass", [.bandPass(centre: 10, sampleRate: rate, q: 1)]),
        ("notch", [.notch(centre: 50, sampleRate: rate, q: 5)]),
        ("Pan-Tompkins band", PanTompkinsConfiguration(sampleRate: rate).bandPassSections),
        ("four sections", [
            .highPass(cutoff: 0.5, sampleRate: rate), .lowPass(cutoff: 40, sampleRate: rate),
            .notch(centre: 60, sampleRate: rate, q: 8), .bandPass(centre: 20, sampleRate: rate, q: 0.7),
        ]),
    ]

    @Test("SIMD block cascade matches the scalar reference", arguments: designs.indices)
    func blockMatchesScalar(design: Int) {
        let sections = Self.designs[design].1
        let input = TestSignals.noise(count: 20_000, seed: UInt64(design + 1), amplitude: 2, offset: 0.5)
        var simd = BiquadCascade(sections: sections)
        var scalar = ScalarBiquadCascade(sections: sections)
        let fast = simd.process(input)
        let reference = scalar.process(input)
        let tolerance = 1e-4 * max(1, TestSignals.peakAbs(reference))
        #expect(TestSignals.maxAbsDifference(fast, reference) <= tolerance, "\(Self.designs[design].0)")
    }

    @Test("Multi-channel cascade equals each channel filtered alone", arguments: [4, 8])
    func multiChannelMatchesScalar(lanes: Int) {
        let sections = PanTompkinsConfiguration(sampleRate: Self.rate).bandPassSections
        let channels = (0..<lanes).map { TestSignals.noise(count: 3_000, seed: 100 + UInt64($0), offset: Float($0)) }
        let reference = channels.map { channel -> [Float] in
            var scalar = ScalarBiquadCascade(sections: sections)
            return scalar.process(channel)
        }
        let outputs = lanes == 4 ? Self.run(SIMD4<Float>.self, sections, channels) : Self.run(SIMD8<Float>.self, sections, channels)
        for c in 0..<lanes {
            #expect(outputs[c] == reference[c], "channel \(c)")
        }
    }

    private static func run<V: SIMD & Sendable>(_: V.Type, _ sections: [BiquadCoefficients], _ channels: [[Float]]) -> [[Float]]
    where V.Scalar == Float {
        var frames = (0..<channels[0].count).map { n in
            var frame = V()
            for c in channels.indices { frame[c] = channels[c][n] }
            return frame
        }
        var filter = MultiChannelBiquadCascade<V>(sections: sections)
        var output: [V] = []
        let half = frames.count / 2
        filter.process(Array(frames[..<half]), into: &output)
        var rest: [V] = []
        filter.process(Array(frames[half...]), into: &rest)
        frames = output + rest
        return channels.indices.map { c in frames.map { $0[c] } }
    }

    @Test("High-pass rejects DC")
    func highPassRejectsDC() {
        var filter = BiquadCascade(sections: [.highPass(cutoff: 5, sampleRate: Self.rate)])
        let output = filter.process([Float](repeating: 3, count: 4_000))
        #expect(TestSignals.steadyAmplitude(output, tail: 500) < 1e-4)
        #expect(BiquadCoefficients.highPass(cutoff: 5, sampleRate: Self.rate).magnitude(atFrequency: 0.001, sampleRate: Self.rate) < 1e-5)
    }

    @Test("Notch removes its own frequency and passes others")
    func notchKillsItsFrequency() {
        let notch = BiquadCoefficients.notch(centre: 50, sampleRate: Self.rate, q: 5)
        var atCentre = BiquadCascade(sections: [notch])
        var offCentre = BiquadCascade(sections: [notch])
        let killed = atCentre.process(TestSignals.sine(count: 6_000, frequency: 50, sampleRate: Self.rate))
        let kept = offCentre.process(TestSignals.sine(count: 6_000, frequency: 10, sampleRate: Self.rate))
        #expect(TestSignals.steadyAmplitude(killed, tail: 720) < 1e-3)
        #expect(abs(TestSignals.steadyAmplitude(kept, tail: 720) - 1) < 0.02)
    }

    @Test("Band-pass has unity gain at its centre", arguments: [125.0, 360.0, 1000.0])
    func bandPassUnityAtCentre(rate: Double) {
        let filter = BiquadCoefficients.bandPass(centre: 10, sampleRate: rate, q: 2)
        var cascade = BiquadCascade(sections: [filter])
        let output = cascade.process(TestSignals.sine(count: Int(rate * 20), frequency: 10, sampleRate: rate))
        #expect(abs(TestSignals.steadyAmplitude(output, tail: Int(rate)) - 1) < 0.01)
        #expect(abs(filter.magnitude(atFrequency: 10, sampleRate: rate) - 1) < 1e-9)
        #expect(filter.magnitude(atFrequency: 40, sampleRate: rate) < 0.2)
    }

    @Test("Low-pass is -3 dB at its cutoff (Butterworth)")
    func lowPassCutoff() {
        let filter = BiquadCoefficients.lowPass(cutoff: 15, sampleRate: Self.rate)
        #expect(abs(filter.magnitude(atFrequency: 15, sampleRate: Self.rate) - 1 / 2.0.squareRoot()) < 1e-9)
        #expect(abs(filter.magnitude(atFrequency: 0.01, sampleRate: Self.rate) - 1) < 1e-6)
    }
}
