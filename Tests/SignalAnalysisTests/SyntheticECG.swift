/// A seeded synthetic ECG: Gaussian QRS and T waves, baseline wander and a little noise.
struct SyntheticECG {
    let sampleRate: Double
    let signal: [Float]
    /// R-peak sample indices.
    let beats: [Int]

    init(sampleRate: Double, seconds: Double, polarity: Float = 1, seed: UInt64 = 1) {
        self.sampleRate = sampleRate
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let count = Int(seconds * sampleRate)
        var beats: [Int] = []
        var t = 0.4
        while t < seconds - 0.5 {
            beats.append(Int(t * sampleRate))
            t += 0.6 + 0.4 * uniform()
        }
        var signal = [Float](repeating: 0, count: count)
        for n in 0..<count {
            let time = Double(n) / sampleRate
            signal[n] = Float(0.3 * Self.sine(2 * Double.pi * 0.3 * time) + 0.04 * (uniform() - 0.5))
        }
        for beat in beats {
            Self.addGaussian(&signal, centre: beat, sigma: 0.012 * sampleRate, height: Double(polarity))
            Self.addGaussian(&signal, centre: beat + Int(0.26 * sampleRate), sigma: 0.045 * sampleRate, height: 0.3)
        }
        self.signal = signal
        self.beats = beats
    }

    private static func addGaussian(_ signal: inout [Float], centre: Int, sigma: Double, height: Double) {
        let reach = Int(4 * sigma)
        for n in max(0, centre - reach)..<min(signal.count, centre + reach + 1) {
            let z = Double(n - centre) / sigma
            signal[n] += Float(height * Self.exp(-0.5 * z * z))
        }
    }

    private static func exp(_ x: Double) -> Double {
        // exp(x) = (e^(x/64))^64, the inner one by its Taylor series: plenty for test waveforms.
        let y = x / 64
        var term = 1.0, sum = 1.0
        for k in 1..<12 {
            term *= y / Double(k)
            sum += term
        }
        for _ in 0..<6 { sum *= sum }
        return sum
    }

    private static func sine(_ x: Double) -> Double {
        var r = x.truncatingRemainder(dividingBy: 2 * Double.pi)
        if r > Double.pi { r -= 2 * Double.pi }
        var term = r, sum = r
        for k in 1..<12 {
            term *= -r * r / Double((2 * k) * (2 * k + 1))
            sum += term
        }
        return sum
    }
}
