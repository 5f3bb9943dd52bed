import SignalAnalysis
import Testing
import WFDB

/// Acceptance: MIT-BIH record 100 scored against its reference annotations (ANSI/AAMI EC57, 150 ms window).
@Suite("MIT-BIH record 100")
struct Record100Tests {
    static let wholeMLII = Result { () throws -> [QRSBeat] in
        let record = try Record100.shared.get()
        return DetectorHarness.detect(record.mlii, sampleRate: record.sampleRate)
    }

    @Test("Lead MLII: Se and +P ≥ 99.9 %, mean timing error < 10 ms")
    func mlii() throws {
        let record = try Record100.shared.get()
        let result = DetectorHarness.score(try Self.wholeMLII.get(), reference: record.beats, sampleRate: 360)
        print(DetectorHarness.summary("MLII", result))
        #expect(result.sensitivity >= 0.999)
        #expect(result.positivePredictivity >= 0.999)
        #expect(result.meanAbsoluteErrorMilliseconds < 10)
    }

    /// V5 loses its QRS for about two seconds near 5 min (three beats): what lead fusion is for.
    @Test("Lead V5: Se ≥ 99.8 %, +P ≥ 99.9 %, mean timing error < 10 ms")
    func v5() throws {
        let record = try Record100.shared.get()
        let result = DetectorHarness.score(
            DetectorHarness.detect(record.v5, sampleRate: record.sampleRate), reference: record.beats, sampleRate: 360)
        print(DetectorHarness.summary("V5", result))
        #expect(result.sensitivity >= 0.998)
        #expect(result.positivePredictivity >= 0.999)
        #expect(result.meanAbsoluteErrorMilliseconds < 10)
    }

    @Test("Streaming in 1 s chunks gives exactly the whole-pass beats")
    func oneSecondChunks() throws {
        let record = try Record100.shared.get()
        let chunked = DetectorHarness.detect(record.mlii, sampleRate: 360, chunk: 360)
        #expect(chunked == (try Self.wholeMLII.get()))
    }

    @Test("Streaming in random chunks (1 sample included) gives exactly the whole-pass beats")
    func randomChunks() throws {
        let record = try Record100.shared.get()
        let bounds = DetectorHarness.randomBounds(count: record.mlii.count, seed: 100)
        let chunked = DetectorHarness.detect(record.mlii, sampleRate: 360, bounds: bounds)
        #expect(chunked == (try Self.wholeMLII.get()))
    }

    @Test("Inverted polarity: same beats, reported negative")
    func inverted() throws {
        let record = try Record100.shared.get()
        let beats = DetectorHarness.detect(record.mlii.map { -$0 }, sampleRate: 360)
        let result = DetectorHarness.score(beats, reference: record.beats, sampleRate: 360)
        print(DetectorHarness.summary("-MLII", result))
        #expect(result.sensitivity >= 0.999)
        #expect(result.positivePredictivity >= 0.999)
        #expect(result.meanAbsoluteErrorMilliseconds < 10)
        // Negating the signal must flip every beat's polarity (a few PVCs are positive on MLII, so not all are negative).
        let whole = try Self.wholeMLII.get()
        #expect(beats.map(\.sampleIndex) == whole.map(\.sampleIndex))
        #expect(zip(beats, whole).allSatisfy { $0.polarity != $1.polarity })
        #expect(beats.filter { $0.polarity == .negative }.count >= beats.count * 98 / 100)
    }

    @Test("Decimated to 120 Hz: ≥ 99 %")
    func decimated() throws {
        let record = try Record100.shared.get()
        let beats = DetectorHarness.detect(DetectorHarness.decimate(record.mlii, by: 3), sampleRate: 120)
        // Sample k at 120 Hz averages samples 3k…3k+2 at 360 Hz, centred on 3k + 1.
        let detected = beats.map { $0.sampleIndex * 3 + 1 }
        let result = BeatMatcher().match(reference: record.beats, detected: detected, sampleRate: 360)
        print(DetectorHarness.summary("MLII @120 Hz", result))
        #expect(result.sensitivity >= 0.99)
        #expect(result.positivePredictivity >= 0.99)
    }

    @Test("Upsampled to 720 Hz, first ten minutes: ≥ 99 %")
    func upsampled() throws {
        let record = try Record100.shared.get()
        let minutes = 10 * 60 * 360
        let beats = DetectorHarness.detect(DetectorHarness.upsample(Array(record.mlii.prefix(minutes)), by: 2), sampleRate: 720)
        let result = BeatMatcher().match(
            reference: record.beats.filter { $0 < minutes - 1 }, detected: beats.map { $0.sampleIndex / 2 }, sampleRate: 360)
        print(DetectorHarness.summary("MLII @720 Hz", result))
        #expect(result.sensitivity >= 0.99)
        #expect(result.positivePredictivity >= 0.99)
    }
}
