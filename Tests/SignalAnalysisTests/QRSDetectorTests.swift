import SignalAnalysis
import Testing

@Suite("QRS detector on synthetic ECG")
struct QRSDetectorTests {
    static let rates: [Double] = [125, 250, 360, 500, 1000]

    @Test("Finds every beat within 15 ms, either polarity", arguments: rates, [1, -1] as [Float])
    func findsEveryBeat(rate: Double, polarity: Float) {
        let ecg = SyntheticECG(sampleRate: rate, seconds: 60, polarity: polarity, seed: UInt64(rate))
        let beats = DetectorHarness.detect(ecg.signal, sampleRate: rate)
        let result = DetectorHarness.score(beats, reference: ecg.beats, sampleRate: rate)
        #expect(result.falseNegatives == 0)
        #expect(result.falsePositives == 0)
        #expect(result.maxAbsoluteErrorMilliseconds <= 15)
        #expect(beats.allSatisfy { $0.polarity == (polarity > 0 ? .positive : .negative) })
    }

    @Test("Random chunking (1 sample included) gives exactly the whole-pass beats", arguments: rates)
    func chunkingInvariant(rate: Double) {
        let ecg = SyntheticECG(sampleRate: rate, seconds: 40, seed: 7)
        let whole = DetectorHarness.detect(ecg.signal, sampleRate: rate)
        let bounds = DetectorHarness.randomBounds(count: ecg.signal.count, seed: UInt64(rate))
        #expect(!whole.isEmpty)
        #expect(DetectorHarness.detect(ecg.signal, sampleRate: rate, bounds: bounds) == whole)
    }

    @Test("Heart rate and RR intervals follow the beats")
    func heartRate() {
        let ecg = SyntheticECG(sampleRate: 250, seconds: 30, seed: 3)
        var detector = QRSDetector(sampleRate: 250)
        var beats: [QRSBeat] = []
        detector.process(ecg.signal, into: &beats)
        let intervals = zip(beats, beats.dropFirst()).map { $1.sampleIndex - $0.sampleIndex }
        #expect(beats.dropFirst().map(\.rrSamples) == intervals.map { Optional($0) })
        #expect(detector.recentRRIntervals == Array(intervals.suffix(8)))
        let expected = 60 * 250 / (Double(intervals.suffix(8).reduce(0, +)) / 8)
        #expect(abs((detector.heartRate ?? 0) - expected) < 1e-9)
    }

    @Test("A flat lead yields no beats and is reported flat")
    func flatLead() {
        let ecg = SyntheticECG(sampleRate: 250, seconds: 20, seed: 4)
        var signal = ecg.signal
        for n in 2_500..<signal.count { signal[n] = 0.5 }
        var detector = QRSDetector(sampleRate: 250)
        var beats: [QRSBeat] = []
        detector.process(signal, into: &beats)
        #expect(beats.allSatisfy { $0.sampleIndex < 2_500 })
        #expect(detector.quality == .flat)
    }

    @Test("Beats never land before an earlier decidedThrough, and come at most ~1 s late when regular")
    func decisionHorizon() {
        let ecg = SyntheticECG(sampleRate: 360, seconds: 60, seed: 5)
        var detector = QRSDetector(sampleRate: 360)
        var horizon = 0
        var beats: [QRSBeat] = []
        for start in stride(from: 0, to: ecg.signal.count, by: 36) {
            var fresh: [QRSBeat] = []
            detector.process(Array(ecg.signal[start..<min(ecg.signal.count, start + 36)]), into: &fresh)
            #expect(fresh.allSatisfy { $0.sampleIndex >= horizon })
            // After learning, a regular beat is out within a second of its R peak.
            if start > 3 * 360 { #expect(fresh.allSatisfy { detector.sampleCount - $0.sampleIndex <= 360 }) }
            beats += fresh
            horizon = detector.decidedThrough
        }
        #expect(beats.count == ecg.beats.count)
    }
}
