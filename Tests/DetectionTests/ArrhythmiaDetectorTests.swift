import Detection
import GatewayModel
import Testing

@Suite struct ArrhythmiaDetectorTests {
    func detector() -> ArrhythmiaDetector { ArrhythmiaDetector(device: "bed1", channel: Fixtures.ecg) }

    /// Feeds beats at the given times; returns the events.
    func beats(_ detector: inout ArrhythmiaDetector, _ times: some Sequence<Int64>) -> [Event] {
        times.flatMap { detector.observeBeat(atUnixMs: $0) }
    }

    /// Ticks every 200 ms of stream time in `(fromMs, toMs]`.
    func ticks(_ detector: inout ArrhythmiaDetector, fromMs: Int64, toMs: Int64) -> [Event] {
        stride(from: fromMs + 200, through: toMs, by: 200).flatMap { detector.tick(nowUnixMs: $0) }
    }

    // MARK: asystole

    @Test func asystoleWithoutPulsesIsRaisedWithinOneSecondOfTheFourSecondPause() {
        var detector = detector()
        #expect(beats(&detector, stride(from: 0, through: 10_000, by: 1_000)).isEmpty)
        #expect(ticks(&detector, fromMs: 10_000, toMs: 13_800).isEmpty, "3.8 s without QRS is not yet asystole")
        let raised = ticks(&detector, fromMs: 13_800, toMs: 20_000)
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.rule == "asystole" && raised.first?.priority == .high)
        #expect(raised.first?.onsetUnixMs == 10_000, "onset is the last beat before the pause")
        let raisedAt = raised.first?.timeUnixMs ?? .max
        #expect(raisedAt >= 14_000 && raisedAt <= 15_000)
    }

    @Test func asystoleWithAPulsatilePlethIsSuppressed() {
        var detector = detector()
        _ = beats(&detector, stride(from: 0, through: 10_000, by: 1_000))
        // The pleth keeps pulsing (the QRS detector lost the beats): pulse transit 250 ms after each beat.
        for pulse in stride(from: Int64(250), through: 20_250, by: 1_000) { detector.observePulse(atUnixMs: pulse) }
        let events = ticks(&detector, fromMs: 10_000, toMs: 20_000)
        #expect(events.map(\.kind) == [.suppressed], "suppressed once, never raised")
        #expect(events.first?.rule == "asystole" && events.first?.onsetUnixMs == 10_000)
        #expect(events.first?.timeUnixMs == 14_000)
        #expect(!detector.isAsystoleActive)
    }

    @Test func theLastBeatsOwnPulseWaveDoesNotVetoAsystole() {
        var detector = detector()
        _ = beats(&detector, stride(from: 0, through: 10_000, by: 1_000))
        detector.observePulse(atUnixMs: 10_250)
        #expect(ticks(&detector, fromMs: 10_000, toMs: 15_000).map(\.kind) == [.raised])
    }

    @Test func aSuppressedPauseIsRaisedWhenThePulsesStopToo() {
        var detector = detector()
        _ = beats(&detector, stride(from: 0, through: 10_000, by: 1_000))
        for pulse in stride(from: Int64(10_250), through: 14_250, by: 1_000) { detector.observePulse(atUnixMs: pulse) }
        let events = ticks(&detector, fromMs: 10_000, toMs: 20_000)
        #expect(events.map(\.kind) == [.suppressed, .raised])
        #expect(events.first?.id == events.last?.id, "one condition: first vetoed, then confirmed")
    }

    @Test func leadOffYieldsATechnicalAlarmNotAsystole() {
        var detector = detector()
        var leads = LeadOffDetector(device: "bed1", channel: Fixtures.ecg)
        _ = beats(&detector, stride(from: 0, through: 10_000, by: 1_000))
        let technical = leads.observe(leadOff: true, atUnixMs: 10_300)
        detector.setECGUsable(!leads.isLeadOff, atUnixMs: 10_300)
        #expect(technical.map(\.rule) == ["lead-off"])
        #expect(ticks(&detector, fromMs: 10_000, toMs: 30_000).isEmpty)
        // Leads back on at 30 s but no QRS: a real pause, counted from the reattachment.
        _ = leads.observe(leadOff: false, atUnixMs: 30_000)
        detector.setECGUsable(!leads.isLeadOff, atUnixMs: 30_000)
        let raised = ticks(&detector, fromMs: 30_000, toMs: 35_000)
        #expect(raised.map(\.kind) == [.raised])
        #expect(raised.first?.onsetUnixMs == 30_000 && raised.first?.timeUnixMs == 34_000)
    }

    @Test func aFlatECGYieldsAFlatlineAlarmNotAsystole() {
        var detector = detector()
        var flatline = FlatlineDetector(device: "bed1", channel: Fixtures.ecg, window: .seconds(3), minimumPeakToPeak: 0.05)
        var events: [Event] = []
        // ECG varies and beats every second until 10 s, then the amplifier output is flat.
        for chunk in Fixtures.chunks(fromMs: 0, toMs: 20_000, { $0 < 10_000 ? Fixtures.wavy($0) : 0 }) {
            let startMs = chunk.startUnixNs / 1_000_000
            let endMs = startMs + 200
            events += flatline.observe(chunk)
            detector.setECGUsable(!flatline.isActive, atUnixMs: endMs)
            for beat in stride(from: startMs, to: min(endMs, 10_001), by: 1) where beat % 1_000 == 0 {
                events += detector.observeBeat(atUnixMs: beat)
            }
            events += detector.tick(nowUnixMs: endMs)
        }
        #expect(events.map(\.rule) == ["flatline"])
        #expect(events.first?.priority == .medium)
    }

    @Test func asystoleClearsAfterTwoBeats() {
        var detector = detector()
        _ = beats(&detector, [0, 1_000])
        let raised = ticks(&detector, fromMs: 1_000, toMs: 6_000)
        #expect(raised.map(\.kind) == [.raised])
        #expect(detector.observeBeat(atUnixMs: 6_100).isEmpty, "one detection may be noise")
        let cleared = detector.observeBeat(atUnixMs: 7_000)
        #expect(cleared.map(\.kind) == [.cleared] && cleared.first?.id == raised.first?.id)
    }

    // MARK: rate runs

    @Test func extremeBradycardiaNeedsFiveConsecutiveSlowBeats() {
        var detector = detector()
        // 1.6 s RR = 37.5 /min. Beat 0 has no rate; 4 slow beats, a normal one, 4 slow again: no alarm.
        #expect(beats(&detector, [0, 1_600, 3_200, 4_800, 6_400, 7_400, 9_000, 10_600, 12_200, 13_800]).isEmpty)
        let raised = detector.observeBeat(atUnixMs: 15_400)
        #expect(raised.map(\.rule) == ["extreme-bradycardia"])
        #expect(raised.first?.priority == .high && raised.first?.onsetUnixMs == 9_000)
        #expect(detector.isBradycardiaActive)
    }

    @Test func extremeTachycardiaNeedsSeventeenConsecutiveFastBeats() {
        var detector = detector()
        // 400 ms RR = 150 /min: beats 1…16 are fast, no alarm; the 17th fast beat raises.
        #expect(beats(&detector, stride(from: 0, through: 6_400, by: 400)).isEmpty)
        let raised = detector.observeBeat(atUnixMs: 6_800)
        #expect(raised.map(\.rule) == ["extreme-tachycardia"])
        #expect(raised.first?.onsetUnixMs == 400)
        #expect(raised.first?.value == 150)
    }

    @Test func tachycardiaClearsAfterFiveNormalBeats() {
        var detector = detector()
        let raised = beats(&detector, stride(from: 0, through: 6_800, by: 400))
        #expect(raised.count == 1)
        #expect(beats(&detector, [7_600, 8_400, 9_200, 10_000]).isEmpty, "4 normal beats keep it")
        let cleared = detector.observeBeat(atUnixMs: 10_800)
        #expect(cleared.map(\.kind) == [.cleared] && cleared.first?.id == raised.first?.id)
    }

    @Test func duplicateDetectionsFromFusedLeadsAreOneBeat() {
        var detector = detector()
        let times = stride(from: Int64(0), through: 20_000, by: 1_000).flatMap { [$0, $0 + 30] }
        #expect(beats(&detector, times).isEmpty)
    }

    @Test func beatsFromAnUnusableECGAreIgnored() {
        var detector = detector()
        _ = beats(&detector, [0, 1_000])
        detector.setECGUsable(false, atUnixMs: 1_500)
        #expect(beats(&detector, stride(from: 1_600, through: 10_000, by: 300)).isEmpty, "noise detections are no tachycardia")
    }
}
