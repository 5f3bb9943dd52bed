import Detection
import Testing

@Suite struct NEWS2AssessmentTests {
    let normal = NEWS2Vitals(
        respirationRate: 16, oxygenSaturation: 97, onSupplementalOxygen: false, systolicBloodPressure: 125,
        pulse: 72, consciousness: .alert, temperature: 36.8
    )

    func assess(_ vitals: NEWS2Vitals, scale: NEWS2SpO2Scale = .scale1) -> NEWS2Assessment {
        NEWS2Assessment(vitals: vitals, scale: scale, timeUnixMs: 0)
    }

    @Test func normalVitalsScoreZeroRoutine() {
        let assessment = assess(normal)
        #expect(assessment.score == 0 && assessment.level == .routine && assessment.isComplete)
    }

    @Test func aSingleRedParameterIsLowMedium() {
        var vitals = normal
        vitals.consciousness = .voice
        let assessment = assess(vitals)
        #expect(assessment.score == 3)
        #expect(assessment.level == .lowMedium)
        #expect(assessment.subScores[.consciousness] == 3)
    }

    @Test func aggregatesAcrossParameters() {
        var vitals = normal
        vitals.respirationRate = 22 // 2
        vitals.pulse = 115 // 2
        vitals.temperature = 38.5 // 1
        #expect(assess(vitals).score == 5 && assess(vitals).level == .medium)
        vitals.onSupplementalOxygen = true // 2
        #expect(assess(vitals).score == 7 && assess(vitals).level == .high)
    }

    @Test func oxygenOnScale2ScoresBothTheOxygenAndTheHighSaturation() {
        var vitals = normal
        vitals.onSupplementalOxygen = true
        vitals.oxygenSaturation = 97
        let assessment = assess(vitals, scale: .scale2)
        #expect(assessment.subScores[.oxygenSaturation] == 3 && assessment.subScores[.supplementalOxygen] == 2)
        #expect(assessment.score == 5)
    }

    @Test func missingParametersMakeAFlaggedPartialScore() {
        let assessment = assess(NEWS2Vitals(respirationRate: 25, pulse: 72))
        #expect(!assessment.isComplete)
        #expect(assessment.missing == [.oxygenSaturation, .supplementalOxygen, .systolicBloodPressure, .consciousness, .temperature])
        #expect(assessment.score == 3 && assessment.level == .lowMedium)
        #expect(assessment.summary.hasSuffix("(partial, missing oxygenSaturation, supplementalOxygen, systolicBloodPressure, consciousness, temperature)"))
    }
}
