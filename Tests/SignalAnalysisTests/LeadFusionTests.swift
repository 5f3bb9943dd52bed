import SignalAnalysis
import Testing
import WFDB

@Suite("Multi-lead beat fusion")
struct LeadFusionTests {
    static func beat(_ index: Int, _ quality: LeadQuality = .good) -> QRSBeat {
        QRSBeat(sampleIndex: index, amplitude: 1, polarity: .positive, quality: quality)
    }

    @Test("A gap on one lead is filled by another; timing comes from the primary lead")
    func fillsGaps() {
        var fuser = MultiLeadBeatFuser(leadCount: 2, sampleRate: 250)
        fuser.add(lead: 0, beats: [100, 300, 700].map { Self.beat($0) }, decidedThrough: 1_000, quality: .good)
        fuser.add(lead: 1, beats: [104, 305, 503, 706].map { Self.beat($0) }, decidedThrough: 1_000, quality: .good)
        var fused: [FusedBeat] = []
        fuser.drain(into: &fused)
        #expect(fused.map(\.sampleIndex) == [100, 300, 503, 700])
        #expect(fused.map(\.leads) == [[0, 1], [0, 1], [1], [0, 1]])
        #expect(fused.map(\.rrSamples) == [nil, 200, 203, 197])
    }

    @Test("A beat seen only by a noisy lead needs a majority")
    func noisyAloneIsRejected() {
        var fuser = MultiLeadBeatFuser(leadCount: 3, sampleRate: 250)
        fuser.add(lead: 0, beats: [Self.beat(100), Self.beat(400, .noisy)], decidedThrough: 1_000, quality: .noisy)
        fuser.add(lead: 1, beats: [Self.beat(102), Self.beat(700, .noisy)], decidedThrough: 1_000, quality: .noisy)
        fuser.add(lead: 2, beats: [Self.beat(101), Self.beat(702, .noisy)], decidedThrough: 1_000, quality: .noisy)
        var fused: [FusedBeat] = []
        fuser.drain(into: &fused)
        #expect(fused.map(\.sampleIndex) == [100, 700])
    }

    @Test("Nothing is decided before every lead has decided past it")
    func waitsForSlowLeads() {
        var fuser = MultiLeadBeatFuser(leadCount: 2, sampleRate: 250)
        var fused: [FusedBeat] = []
        fuser.add(lead: 0, beats: [Self.beat(100)], decidedThrough: 500, quality: .good)
        fuser.add(lead: 1, beats: [], decidedThrough: 110, quality: .good)
        fuser.drain(into: &fused)
        #expect(fused.isEmpty)
        fuser.add(lead: 1, beats: [Self.beat(103)], decidedThrough: 400, quality: .good)
        fuser.drain(into: &fused)
        #expect(fused.map(\.sampleIndex) == [100])
        #expect(fused.first?.leads == [0, 1])
    }

    /// Record 100 with 28 s of heavy noise on MLII and 28 s of it flat; V5 has its own dropout near 5 min.
    @Test("Record 100 with a noisy and a flat stretch on MLII: fused Se 100 %, +P ≥ 99.9 %")
    func record100() throws {
        let record = try Record100.shared.get()
        var mlii = record.mlii
        var state: UInt64 = 42
        for n in 200_000..<210_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            mlii[n] += 3 * (Float(state >> 40) / Float(1 << 24) - 0.5)
        }
        for n in 300_000..<310_000 { mlii[n] = 0.3 }
        let leads = [mlii, record.v5]
        var detectors = [QRSDetector(sampleRate: 360), QRSDetector(sampleRate: 360)]
        var fuser = MultiLeadBeatFuser(leadCount: 2, sampleRate: 360)
        var fused: [FusedBeat] = []
        var perLead: [[QRSBeat]] = [[], []]
        for start in stride(from: 0, to: mlii.count, by: 360) {
            let end = min(mlii.count, start + 360)
            for k in 0..<2 {
                var beats: [QRSBeat] = []
                detectors[k].process(Array(leads[k][start..<end]), into: &beats)
                if end == mlii.count { detectors[k].finish(into: &beats) }
                perLead[k] += beats
                let horizon = end == mlii.count ? Int.max / 2 : detectors[k].decidedThrough
                fuser.add(lead: k, beats: beats, decidedThrough: horizon, quality: detectors[k].quality)
            }
            fuser.drain(into: &fused)
        }
        let mliiAlone = DetectorHarness.score(perLead[0], reference: record.beats, sampleRate: 360)
        let result = BeatMatcher().match(reference: record.beats, detected: fused.map(\.sampleIndex), sampleRate: 360)
        print(DetectorHarness.summary("damaged MLII alone", mliiAlone))
        print(DetectorHarness.summary("fused MLII+V5", result))
        #expect(mliiAlone.falseNegatives > 20 && mliiAlone.falsePositives > 10)  // the damage is real
        #expect(result.sensitivity == 1)
        #expect(result.positivePredictivity >= 0.999)
        #expect(result.meanAbsoluteErrorMilliseconds < 10)
    }
}
