import Foundation

/// Benchmark inputs: a synthetic ECG the size of an MIT-BIH record (30 min at 360 Hz, 650,000 samples).
enum SignalFixtures {
    static let sampleRate = 360.0
    static let count = 650_000
    /// One second per chunk, the way a gateway receives a device's stream.
    static let chunk = 360

    /// Gaussian QRS and T waves every 0.6–1 s, baseline wander and noise; deterministic.
    static let ecg: [Float] = {
        var state: UInt64 = 1
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var signal = (0..<count).map { n in
            Float(0.3 * sin(2 * Double.pi * 0.3 * Double(n) / sampleRate) + 0.04 * (uniform() - 0.5))
        }
        var beat = 0.4 * sampleRate
        while beat < Double(count) - sampleRate {
            for n in Int(beat) - 30..<Int(beat) + 150 {
                let qrs = exp(-0.5 * pow(Double(n) - beat, 2) / 18)
                let t = 0.3 * exp(-0.5 * pow(Double(n) - beat - 94, 2) / 262)
                signal[n] += Float(qrs + t)
            }
            beat += (0.6 + 0.4 * uniform()) * sampleRate
        }
        return signal
    }()

    /// Eight leads (the same ECG, scaled and shifted per lead), as SIMD8 frames.
    static let frames8: [SIMD8<Float>] = ecg.enumerated().map { n, x in
        SIMD8<Float>(repeating: x) * SIMD8(1, 0.9, 0.8, 1.1, -1, 0.7, 1.2, -0.6) + SIMD8(repeating: Float(n % 7) * 0.01)
    }

    /// Chunk ranges covering `count` samples.
    static let chunks: [Range<Int>] = stride(from: 0, to: count, by: chunk).map { $0..<min(count, $0 + chunk) }

    static func check() throws {
        precondition(ecg.count == count && frames8.count == count)
    }
}
