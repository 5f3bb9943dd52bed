import Detection
import Testing

/// Every band edge of the RCP NEWS2 chart, both sides.
@Suite struct NEWS2TableTests {
    @Test(arguments: [
        (0.0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3), (11.4, 1), (11.6, 0),
    ])
    func respirationRate(_ rate: Double, _ expected: Int) {
        #expect(NEWS2Table.respirationRate(rate) == expected)
    }

    @Test(arguments: [(80.0, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)])
    func spo2Scale1(_ spo2: Double, _ expected: Int) {
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale1, onOxygen: false) == expected)
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale1, onOxygen: true) == expected, "scale 1 ignores oxygen")
    }

    @Test(arguments: [(80.0, 3), (83, 3), (84, 2), (85, 2), (86, 1), (87, 1), (88, 0), (92, 0)])
    func spo2Scale2LowBandsOnAirOrOxygen(_ spo2: Double, _ expected: Int) {
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale2, onOxygen: false) == expected)
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale2, onOxygen: true) == expected)
    }

    @Test(arguments: [(93.0, 0), (94, 0), (96, 0), (97, 0), (100, 0)])
    func spo2Scale2OnAir(_ spo2: Double, _ expected: Int) {
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale2, onOxygen: false) == expected)
    }

    @Test(arguments: [(93.0, 1), (94, 1), (95, 2), (96, 2), (97, 3), (100, 3)])
    func spo2Scale2OnOxygen(_ spo2: Double, _ expected: Int) {
        #expect(NEWS2Table.oxygenSaturation(spo2, scale: .scale2, onOxygen: true) == expected)
    }

    @Test func spo2Scale2WithUnknownOxygenIsReadAsAir() {
        #expect(NEWS2Table.oxygenSaturation(97, scale: .scale2, onOxygen: nil) == 0)
    }

    @Test func supplementalOxygen() {
        #expect(NEWS2Table.supplementalOxygen(true) == 2)
        #expect(NEWS2Table.supplementalOxygen(false) == 0)
    }

    @Test(arguments: [(60.0, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3), (260, 3)])
    func systolicBloodPressure(_ mmHg: Double, _ expected: Int) {
        #expect(NEWS2Table.systolicBloodPressure(mmHg) == expected)
    }

    @Test(arguments: [(30.0, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2), (130, 2), (131, 3), (180, 3)])
    func pulse(_ rate: Double, _ expected: Int) {
        #expect(NEWS2Table.pulse(rate) == expected)
    }

    @Test(arguments: [
        (34.2, 3), (35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0), (38.1, 1), (39.0, 1), (39.1, 2), (41.0, 2),
        (38.04, 0), (35.96, 1),
    ])
    func temperature(_ celsius: Double, _ expected: Int) {
        #expect(NEWS2Table.temperature(celsius) == expected)
    }

    @Test(arguments: [
        (NEWS2Consciousness.alert, 0), (.newConfusion, 3), (.voice, 3), (.pain, 3), (.unresponsive, 3),
    ])
    func consciousness(_ level: NEWS2Consciousness, _ expected: Int) {
        #expect(NEWS2Table.consciousness(level) == expected)
    }

    @Test(arguments: [
        (0, false, NEWS2Level.routine), (1, false, .low), (4, false, .low), (3, true, .lowMedium), (4, true, .lowMedium),
        (5, false, .medium), (5, true, .medium), (6, true, .medium), (7, false, .high), (7, true, .high), (20, true, .high),
    ])
    func escalationLevel(_ score: Int, _ hasRedScore: Bool, _ expected: NEWS2Level) {
        #expect(NEWS2Level(score: score, hasRedScore: hasRedScore) == expected)
    }

    @Test func levelPriorities() {
        #expect(NEWS2Level.routine.alarmPriority == nil)
        #expect(NEWS2Level.low.alarmPriority == .low)
        #expect(NEWS2Level.lowMedium.alarmPriority == .low)
        #expect(NEWS2Level.medium.alarmPriority == .medium)
        #expect(NEWS2Level.high.alarmPriority == .high)
    }
}
