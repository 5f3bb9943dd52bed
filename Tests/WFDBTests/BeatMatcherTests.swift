import Testing
import WFDB

@Suite struct BeatMatcherTests {
    let rate = 360.0
    let reference = [100, 400, 700, 1000, 1300]
    let matcher = BeatMatcher()

    @Test func exactDetections() {
        let result = matcher.match(reference: reference, detected: reference, sampleRate: rate)
        #expect(result.truePositives == 5)
        #expect(result.falseNegatives == 0)
        #expect(result.falsePositives == 0)
        #expect(result.sensitivity == 1)
        #expect(result.positivePredictivity == 1)
        #expect(result.meanAbsoluteErrorMilliseconds == 0)
        #expect(result.maxAbsoluteErrorMilliseconds == 0)
    }

    @Test func shiftedDetections() {
        let result = matcher.match(reference: reference, detected: reference.map { $0 + 18 }, sampleRate: rate)
        #expect(result.truePositives == 5)
        #expect(result.meanAbsoluteErrorMilliseconds == 50)
        #expect(result.maxAbsoluteErrorMilliseconds == 50)
    }

    @Test func extraAndMissingDetections() {
        let detected = [102, 250, 698, 1005, 1150, 2000]   // misses 400 and 1300
        let result = matcher.match(reference: reference, detected: detected, sampleRate: rate)
        #expect(result.truePositives == 3)
        #expect(result.missedReferences == [400, 1300])
        #expect(result.falseDetections == [250, 1150, 2000])
        #expect(result.sensitivity == 3.0 / 5)
        #expect(result.positivePredictivity == 3.0 / 6)
        #expect(abs(result.meanAbsoluteErrorMilliseconds - (2 + 2 + 5) / 3 / 0.36) < 1e-9)
    }

    @Test func windowBoundaryIs150Milliseconds() {
        // 150 ms at 360 Hz is exactly 54 samples.
        #expect(matcher.match(reference: [1000], detected: [1054], sampleRate: rate).truePositives == 1)
        #expect(matcher.match(reference: [1000], detected: [946], sampleRate: rate).truePositives == 1)
        #expect(matcher.match(reference: [1000], detected: [1055], sampleRate: rate).truePositives == 0)
        #expect(matcher.match(reference: [1000], detected: [1055], sampleRate: rate).falsePositives == 1)
        #expect(BeatMatcher(windowSeconds: 0.2).match(reference: [1000], detected: [1055], sampleRate: rate).truePositives == 1)
    }

    @Test func oneToOneNearestFirst() {
        // Two detections near one beat: the nearer matches, the other is a false positive.
        let double = matcher.match(reference: [1000], detected: [990, 1003], sampleRate: rate)
        #expect(double.matches == [BeatMatch(reference: 1000, detected: 1003)])
        #expect(double.falseDetections == [990])
        // One detection between two close beats goes to the nearer; the other beat is missed.
        let shared = matcher.match(reference: [1000, 1040], detected: [1025], sampleRate: rate)
        #expect(shared.matches == [BeatMatch(reference: 1040, detected: 1025)])
        #expect(shared.missedReferences == [1000])
        // Greedy nearest-first still pairs crossing candidates sensibly.
        let crossing = matcher.match(reference: [1000, 1050], detected: [1030, 1060], sampleRate: rate)
        #expect(crossing.truePositives == 2)
    }

    @Test func unsortedInputAndSkip() {
        let result = BeatMatcher(skipSeconds: 1).match(reference: [1300, 100, 700], detected: [705, 90, 1290], sampleRate: rate)
        #expect(result.truePositives == 2)
        #expect(result.falseNegatives == 0)
        #expect(result.falsePositives == 0)
    }

    @Test func emptyInputs() {
        let none = matcher.match(reference: [], detected: [], sampleRate: rate)
        #expect(none.sensitivity == 1 && none.positivePredictivity == 1)
        let noDetections = matcher.match(reference: reference, detected: [], sampleRate: rate)
        #expect(noDetections.sensitivity == 0)
        #expect(noDetections.falseNegatives == 5)
    }
}
