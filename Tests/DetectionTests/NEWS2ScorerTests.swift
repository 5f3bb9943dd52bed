import Detection
import GatewayModel
import Testing

@Suite struct NEWS2ScorerTests {
    func reading(_ channel: ChannelDescriptor, _ value: Double, atMs: Int64) -> Measurement {
        Fixtures.reading(value, atMs: atMs, channel: channel)
    }

    /// A scorer holding a complete, normal set of vitals at t = 0.
    func normalScorer() -> NEWS2Scorer {
        var scorer = NEWS2Scorer(patient: "p-7f3a")
        _ = scorer.observe(reading(Fixtures.respiration, 16, atMs: 0))
        _ = scorer.observe(reading(Fixtures.spo2, 97, atMs: 0))
        _ = scorer.setSupplementalOxygen(false, atUnixMs: 0)
        _ = scorer.observe(reading(Fixtures.systolic, 125, atMs: 0))
        _ = scorer.observe(reading(Fixtures.heartRate, 72, atMs: 0))
        _ = scorer.setConsciousness(.alert, atUnixMs: 0)
        _ = scorer.observe(reading(Fixtures.temperature, 36.8, atMs: 0))
        return scorer
    }

    @Test func withAHoldAFlappingScoreIsNotAnnouncedAndALastingOneIs() {
        var scorer = NEWS2Scorer(patient: "p-hold", hold: .seconds(60))
        var events: [Event] = []
        for second in 0..<120 {
            // Pulse across the 90/91 band edge every few seconds: score 0 ↔ 1.
            let pulse: Double = second % 6 < 3 ? 88 : 93
            events += scorer.observe(reading(Fixtures.heartRate, pulse, atMs: Int64(second) * 1000))
        }
        #expect(events.isEmpty, "flapping within the hold says nothing: \(events.map(\.kind))")
        for second in 120..<200 { events += scorer.observe(reading(Fixtures.heartRate, 135, atMs: Int64(second) * 1000)) }
        let raised = events.filter { $0.kind == .raised }
        #expect(raised.count == 1 && raised.first?.value == 3, "\(events.map { "\($0.kind) \($0.value ?? -1)" })")
        #expect(raised.first?.timeUnixMs == 180_000, "announced once it lasted 60 s")
    }

    /// The scorer reuses its assessment while no sub-score changes: it must equal a fresh one at every step, through
    /// numeric readings, a change of SpO2 scale, oxygen and consciousness entries, and readings growing too old.
    @Test func everyAssessmentEqualsOneBuiltFromScratch() {
        var scorer = NEWS2Scorer(patient: "p-7f3a", maxAge: .seconds(60))
        var vitals = NEWS2Vitals()
        var scale = NEWS2SpO2Scale.scale1
        var time: Int64 = 0
        func check(_ step: String) {
            #expect(scorer.assessment == NEWS2Assessment(vitals: vitals, scale: scale, timeUnixMs: time), "\(step)")
        }
        let readings: [(ChannelDescriptor, Double, WritableKeyPath<NEWS2Vitals, Double?>)] = [
            (Fixtures.respiration, 16, \.respirationRate), (Fixtures.spo2, 97, \.oxygenSaturation),
            (Fixtures.systolic, 125, \.systolicBloodPressure), (Fixtures.temperature, 36.8, \.temperature),
            // Some change no sub-score (74, 98, 92 after 93), the others one each.
            (Fixtures.heartRate, 72, \.pulse), (Fixtures.heartRate, 74, \.pulse), (Fixtures.heartRate, 95, \.pulse),
            (Fixtures.heartRate, 98, \.pulse), (Fixtures.heartRate, 80, \.pulse), (Fixtures.respiration, 10, \.respirationRate),
            (Fixtures.spo2, 93, \.oxygenSaturation), (Fixtures.spo2, 92, \.oxygenSaturation), (Fixtures.temperature, 39.5, \.temperature),
        ]
        for (channel, value, path) in readings {
            time += 1_000
            _ = scorer.observe(reading(channel, value, atMs: time))
            vitals[keyPath: path] = value
            check("\(channel.name) \(value)")
        }
        time += 1_000
        _ = scorer.setConsciousness(.newConfusion, atUnixMs: time)
        vitals.consciousness = .newConfusion
        check("new confusion")
        scorer.spo2Scale = .scale2
        scale = .scale2
        time += 1_000
        _ = scorer.observe(reading(Fixtures.spo2, 95, atMs: time))
        vitals.oxygenSaturation = 95
        check("scale 2 on air")
        time += 1_000
        _ = scorer.setSupplementalOxygen(true, atUnixMs: time)
        vitals.onSupplementalOxygen = true
        check("scale 2 on oxygen")
        // Over 60 s after the last pulse (at 9 s) and blood pressure (at 3 s) they no longer count; respiration (10 s)
        // still does.
        time = 69_500
        _ = scorer.tick(nowUnixMs: time)
        vitals.systolicBloodPressure = nil
        vitals.pulse = nil
        check("pulse and blood pressure too old")
        #expect(scorer.assessment?.missing == [.systolicBloodPressure, .pulse])
    }

    @Test func routineVitalsEmitNothingAndAreComplete() {
        let scorer = normalScorer()
        #expect(scorer.assessment?.score == 0 && scorer.assessment?.isComplete == true)
    }

    @Test func emitsOnlyWhenScoreOrLevelChanges() {
        var scorer = normalScorer()
        let low = scorer.observe(reading(Fixtures.heartRate, 120, atMs: 1_000))
        #expect(low.map(\.kind) == [.raised])
        #expect(low.first?.value == 2 && low.first?.priority == .low && low.first?.rule == "escalation")
        #expect(low.first?.device == "p-7f3a" && low.first?.channel.name == "news2")
        #expect(scorer.observe(reading(Fixtures.heartRate, 125, atMs: 2_000)).isEmpty, "same score, same level")
        #expect(scorer.observe(reading(Fixtures.temperature, 37.1, atMs: 3_000)).isEmpty)
        let medium = scorer.observe(reading(Fixtures.respiration, 25, atMs: 4_000))
        #expect(medium.map(\.kind) == [.cleared, .raised])
        #expect(medium.first?.id == low.first?.id)
        #expect(medium.last?.value == 5 && medium.last?.priority == .medium)
        let routine = [
            scorer.observe(reading(Fixtures.respiration, 16, atMs: 5_000)),
            scorer.observe(reading(Fixtures.heartRate, 80, atMs: 6_000)),
        ]
        #expect(routine.map { $0.map(\.kind) } == [[.cleared, .raised], [.cleared]])
        #expect(routine.last?.first?.value == 0)
    }

    @Test func aSingleRedParameterRaisesALowPriorityAlarm() {
        var scorer = normalScorer()
        let events = scorer.setConsciousness(.newConfusion, atUnixMs: 1_000)
        #expect(events.map(\.kind) == [.raised])
        #expect(scorer.assessment?.level == .lowMedium && events.first?.priority == .low)
    }

    @Test func highAggregateRaisesAHighPriorityAlarm() {
        var scorer = normalScorer()
        _ = scorer.observe(reading(Fixtures.systolic, 88, atMs: 1_000))
        _ = scorer.setSupplementalOxygen(true, atUnixMs: 1_000)
        let events = scorer.observe(reading(Fixtures.spo2, 91, atMs: 1_000))
        #expect(scorer.assessment?.score == 8)
        #expect(events.last?.kind == .raised && events.last?.priority == .high)
    }

    @Test func theSpO2ScaleIsPerPatient() {
        var scorer = NEWS2Scorer(patient: "p-copd", spo2Scale: .scale2)
        _ = scorer.observe(reading(Fixtures.spo2, 89, atMs: 0))
        #expect(scorer.assessment?.subScores[.oxygenSaturation] == 0)
        #expect(scorer.assessment?.missing.contains(.temperature) == true)
    }

    @Test func ignoresInvalidAndUncodedReadings() {
        var scorer = normalScorer()
        #expect(scorer.observe(Fixtures.reading(30, atMs: 1_000, channel: Fixtures.heartRate, status: .invalid)).isEmpty)
        #expect(scorer.observe(Fixtures.reading(30, atMs: 1_000, channel: Fixtures.ecg)).isEmpty)
        #expect(scorer.assessment?.score == 0)
    }

    @Test func readingsPastMaxAgeCountAsMissing() {
        var scorer = NEWS2Scorer(patient: "p-7f3a", maxAge: .seconds(60))
        _ = scorer.observe(reading(Fixtures.heartRate, 120, atMs: 0))
        #expect(scorer.tick(nowUnixMs: 60_000).isEmpty)
        #expect(scorer.tick(nowUnixMs: 60_001).map(\.kind) == [.cleared])
        #expect(scorer.assessment?.missing.contains(.pulse) == true)
    }

    @Test func fahrenheitIsConverted() {
        var scorer = NEWS2Scorer(patient: "p-7f3a")
        let fahrenheit = ChannelDescriptor(name: "temp-f", code: ChannelCode(loinc: "8310-5"), unit: "[degF]")
        _ = scorer.observe(Fixtures.reading(103, atMs: 0, channel: fahrenheit))
        #expect(scorer.assessment?.subScores[.temperature] == 2)
    }
}
