import SignalAnalysis
import WFDB

/// Runs a detector over a signal in given chunk sizes and scores it.
enum DetectorHarness {
    static func detect(_ signal: [Float], sampleRate: Double, chunk: Int? = nil) -> [QRSBeat] {
        var detector = QRSDetector(sampleRate: sampleRate)
        var beats: [QRSBeat] = []
        signal.withUnsafeBufferPointer { all in
            let size = chunk ?? all.count
            var start = 0
            while start < all.count {
                let end = min(all.count, start + size)
                detector.process(UnsafeBufferPointer(rebasing: all[start..<end]), into: &beats)
                start = end
            }
        }
        detector.finish(into: &beats)
        return beats
    }

    static func detect(_ signal: [Float], sampleRate: Double, bounds: [Range<Int>]) -> [QRSBeat] {
        var detector = QRSDetector(sampleRate: sampleRate)
        var beats: [QRSBeat] = []
        for range in bounds { detector.process(Array(signal[range]), into: &beats) }
        detector.finish(into: &beats)
        return beats
    }

    /// Chunk bounds of seeded random lengths: single samples, short runs and runs of a few seconds.
    static func randomBounds(count: Int, seed: UInt64) -> [Range<Int>] {
        var state = seed
        var bounds: [Range<Int>] = []
        var start = 0
        while start < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int(state >> 33)
            let length = [1, 1 + pick % 17, 1 + pick % 700, 1 + pick % 2_500][pick & 3]
            bounds.append(start..<min(count, start + length))
            start += length
        }
        return bounds
    }

    static func score(_ beats: [QRSBeat], reference: [Int], sampleRate: Double) -> BeatMatchResult {
        BeatMatcher(windowSeconds: 0.150).match(reference: reference, detected: beats.map(\.sampleIndex), sampleRate: sampleRate)
    }

    static func summary(_ name: String, _ r: BeatMatchResult) -> String {
        "\(name): Se \(r.sensitivity * 100)% +P \(r.positivePredictivity * 100)% FN \(r.falseNegatives) FP \(r.falsePositives) "
            + "mean |err| \(r.meanAbsoluteErrorMilliseconds) ms max \(r.maxAbsoluteErrorMilliseconds) ms"
    }

    /// Keeps every `factor`-th sample of a `factor`-sample moving average (a crude anti-alias filter).
    static func decimate(_ signal: [Float], by factor: Int) -> [Float] {
        stride(from: 0, to: signal.count - factor + 1, by: factor).map { start in
            signal[start..<(start + factor)].reduce(0, +) / Float(factor)
        }
    }

    /// Linear interpolation by an integer factor.
    static func upsample(_ signal: [Float], by factor: Int) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(signal.count * factor)
        for (a, b) in zip(signal, signal.dropFirst()) {
            for k in 0..<factor { out.append(a + (b - a) * Float(k) / Float(factor)) }
        }
        return out
    }
}
