import Foundation
import LocalLab
import Testing
@testable import SignalAnalysis

@Suite struct PulseDetectorTests {
    @Test(arguments: [50.0, 125, 250, 500], [40.0, 60, 100, 140, 180])
    func ppgRateAndPresence(sampleRate: Double, bpm: Double) {
        let signal = PulseSignal.ppg(bpm: bpm, sampleRate: sampleRate, seconds: 30, seed: UInt64(sampleRate * 1000 + bpm))
        var detector = PulseDetector(sampleRate: sampleRate)
        let pulses = detector.process(signal.samples)
        let status = detector.status
        #expect(status.isPresent)
        #expect(abs((status.pulseRate ?? 0) - bpm) <= 2, "rate \(status.pulseRate ?? 0)")
        #expect(status.periodicity > 0.8)
        // Every beat after the learning period is found once, near its true foot.
        let expected = signal.onsets.filter { $0 >= Int(2.3 * sampleRate) && $0 < signal.samples.count - Int(0.7 * sampleRate) }
        let found = expected.filter { onset in pulses.contains { abs($0.onset - onset) <= Int(0.06 * sampleRate) } }
        #expect(found.count == expected.count)
        #expect(pulses.count <= signal.onsets.count)
        #expect(zip(pulses, pulses.dropFirst()).allSatisfy { $1.onset - $0.onset >= Int(0.25 * sampleRate) })
        #expect(pulses.allSatisfy { $0.peak > $0.onset && $0.amplitude > 0 })
    }

    /// Atrial-fibrillation-like ±25 % interval scatter: no steady period, but every pulse has the same shape.
    @Test(arguments: [50.0, 125, 500], [50.0, 90, 140])
    func irregularPulseIsStillPresent(sampleRate: Double, bpm: Double) {
        let signal = PulseSignal.ppg(bpm: bpm, sampleRate: sampleRate, seconds: 30, seed: UInt64(bpm), variability: 0.25)
        var detector = PulseDetector(sampleRate: sampleRate)
        _ = detector.process(signal.samples)
        let status = detector.status
        #expect(status.isPresent)
        #expect(status.consistency > 0.9)
        // The rate of the beats actually in the window, which for a scattered rhythm is not quite `bpm`.
        let end = signal.samples.count
        let recent = signal.onsets.filter { $0 >= end - Int(10 * sampleRate) && $0 < end - Int(0.7 * sampleRate) }
        let actual = 60 * sampleRate * Double(recent.count - 1) / Double(recent[recent.count - 1] - recent[0])
        #expect(abs((status.pulseRate ?? 0) - actual) <= 0.05 * actual, "rate \(status.pulseRate ?? 0) vs \(actual)")
    }

    @Test(arguments: [125.0, 500])
    func arterialPressure(sampleRate: Double) {
        let signal = PulseSignal.arterialPressure(bpm: 75, sampleRate: sampleRate, seconds: 30, seed: 7)
        var detector = PulseDetector(sampleRate: sampleRate)
        let pulses = detector.process(signal.samples)
        let status = detector.status
        #expect(status.isPresent)
        #expect(abs((status.pulseRate ?? 0) - 75) <= 2)
        // The dicrotic wave must not count as a second pulse.
        let tolerance = Int(0.04 * sampleRate)
        #expect(pulses.allSatisfy { pulse in signal.onsets.contains { abs(pulse.onset - $0) <= tolerance } })
        let expected = signal.onsets.filter { $0 >= Int(2.3 * sampleRate) && $0 < signal.samples.count - Int(0.7 * sampleRate) }
        let found = expected.filter { onset in pulses.contains { abs($0.onset - onset) <= tolerance } }
        #expect(found.count == expected.count)
    }

    @Test(arguments: [0.0, 97.5])
    func flatLineIsNotAPulse(level: Double) {
        var detector = PulseDetector(sampleRate: 125)
        let pulses = detector.process([Double](repeating: level, count: 125 * 30))
        #expect(pulses.isEmpty)
        #expect(detector.status == PulseStatus(isPresent: false, pulseRate: nil, pulseCount: 0, periodicity: 0, consistency: 0))
    }

    @Test(arguments: [50.0, 125, 500])
    func noiseIsNotAPulse(sampleRate: Double) {
        var random = SplitMix64(seed: UInt64(sampleRate))
        let noise = (0..<Int(30 * sampleRate)).map { _ in random.gaussian() }
        var detector = PulseDetector(sampleRate: sampleRate)
        _ = detector.process(noise)
        for checkpoint in stride(from: 0, to: 60, by: 5) {
            _ = detector.process((0..<Int(5 * sampleRate)).map { _ in random.gaussian() })
            let status = detector.status
            #expect(!status.isPresent, "after \(30 + checkpoint + 5) s: \(status)")
            #expect(status.pulseRate == nil)
            #expect(status.periodicity < 0.3 && status.consistency < 0.8)
        }
    }

    @Test func pulseThatStopsIsNoLongerPresent() {
        let signal = PulseSignal.ppg(bpm: 72, sampleRate: 100, seconds: 20, seed: 3)
        var detector = PulseDetector(sampleRate: 100)
        _ = detector.process(signal.samples)
        #expect(detector.status.isPresent)
        _ = detector.process([Double](repeating: signal.samples.last ?? 0, count: 400))
        #expect(!detector.status.isPresent)
        // And it comes back when the pulse does, despite the learned level from before.
        _ = detector.process(PulseSignal.ppg(bpm: 90, sampleRate: 100, seconds: 15, seed: 4, amplitude: 0.3).samples)
        #expect(detector.status.isPresent)
        #expect(abs((detector.status.pulseRate ?? 0) - 90) <= 2)
    }

    @Test func anyChunkingGivesTheWholePassResult() {
        let signal = PulseSignal.ppg(bpm: 110, sampleRate: 250, seconds: 25, seed: 11)
        var whole = PulseDetector(sampleRate: 250)
        let expected = whole.process(signal.samples)
        var random = SplitMix64(seed: 99)
        for _ in 0..<5 {
            var chunked = PulseDetector(sampleRate: 250)
            var pulses: [Pulse] = []
            var start = 0
            while start < signal.samples.count {
                let end = min(signal.samples.count, start + Int.random(in: 1...700, using: &random))
                pulses += chunked.process(signal.samples[start..<end])
                start = end
            }
            #expect(pulses == expected)
            #expect(chunked.status == whole.status)
            #expect(chunked.sampleCount == whole.sampleCount)
        }
    }

    @Test func nonFiniteSamplesDoNotPoisonTheDetector() {
        var samples = PulseSignal.ppg(bpm: 60, sampleRate: 100, seconds: 30, seed: 5).samples
        for index in stride(from: 500, to: 3000, by: 97) { samples[index] = index % 2 == 0 ? .nan : .infinity }
        var detector = PulseDetector(sampleRate: 100)
        _ = detector.process(samples)
        #expect(detector.status.isPresent)
        #expect(abs((detector.status.pulseRate ?? 0) - 60) <= 2)
    }
}

/// Synthetic waveforms with known pulse onsets.
struct PulseSignal {
    var samples: [Double]
    var onsets: [Int]

    /// PPG: systolic and diastolic Gaussian waves per beat, ±3 % beat-to-beat variability, baseline wander and noise.
    static func ppg(
        bpm: Double, sampleRate: Double, seconds: Double, seed: UInt64, amplitude: Double = 1, variability: Double = 0.03
    ) -> PulseSignal {
        var random = SplitMix64(seed: seed)
        let scale = min(1, 60 / bpm / 0.8)
        let waves = [
            (delay: 0.15 * scale, width: 0.045 * scale, height: amplitude), (delay: 0.36 * scale, width: 0.08 * scale, height: 0.4 * amplitude),
        ]
        var signal = beats(bpm: bpm, sampleRate: sampleRate, seconds: seconds, random: &random, waves: waves, variability: variability)
        for index in signal.samples.indices {
            let t = Double(index) / sampleRate
            let wander = 0.6 * sin(2 * .pi * 0.2 * t) + 0.4 * sin(2 * .pi * 0.05 * t + 1)
            signal.samples[index] += amplitude * (wander + 0.03 * random.gaussian())
        }
        return signal
    }

    /// ABP-like: steep systolic upstroke, dicrotic wave after a notch, on a 95 mmHg mean with respiratory swing.
    static func arterialPressure(bpm: Double, sampleRate: Double, seconds: Double, seed: UInt64) -> PulseSignal {
        var random = SplitMix64(seed: seed)
        let waves = [(delay: 0.1, width: 0.035, height: 40.0), (delay: 0.2, width: 0.07, height: 14.0), (delay: 0.36, width: 0.04, height: 10.0)]
        var signal = beats(bpm: bpm, sampleRate: sampleRate, seconds: seconds, random: &random, waves: waves, variability: 0.03)
        for index in signal.samples.indices {
            let t = Double(index) / sampleRate
            signal.samples[index] += 80 + 4 * sin(2 * .pi * 0.25 * t) + 0.5 * random.gaussian()
        }
        return signal
    }

    /// Sums Gaussian waves per beat; a beat's onset (foot) is 2.2 widths before its first wave's centre, close to where
    /// intersecting tangents put the foot of a Gaussian (2 widths).
    private static func beats(
        bpm: Double, sampleRate: Double, seconds: Double, random: inout SplitMix64,
        waves: [(delay: Double, width: Double, height: Double)], variability: Double
    ) -> PulseSignal {
        var samples = [Double](repeating: 0, count: Int(seconds * sampleRate))
        var onsets: [Int] = []
        var beat = 0.3
        while beat < seconds {
            onsets.append(Int(((beat + waves[0].delay - 2.2 * waves[0].width) * sampleRate).rounded()))
            for wave in waves {
                let centre = (beat + wave.delay) * sampleRate
                let reach = Int(5 * wave.width * sampleRate)
                let first = max(0, Int(centre) - reach)
                for index in first..<max(first, min(samples.count, Int(centre) + reach)) {
                    let z = (Double(index) - centre) / (wave.width * sampleRate)
                    samples[index] += wave.height * exp(-z * z / 2)
                }
            }
            beat += 60 / bpm * (1 + variability * (random.unit() * 2 - 1))
        }
        return PulseSignal(samples: samples, onsets: onsets)
    }
}

extension SplitMix64 {
    /// A standard normal draw (Box–Muller), for noise on synthetic pleth.
    mutating func gaussian() -> Double {
        sqrt(-2 * log(max(unit(), 1e-300))) * cos(2 * .pi * unit())
    }
}
