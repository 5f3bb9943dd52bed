/// The NEWS2 scoring chart (Royal College of Physicians, 2017) as pure functions, one per parameter.
///
/// Values are rounded as they are charted before banding: whole numbers for rates, SpO2 and blood
/// pressure, one decimal for temperature, so 11.6 /min scores as 12 and 38.04 °C as 38.0.
public enum NEWS2Table {
    public static func respirationRate(_ perMinute: Double) -> Int {
        switch whole(perMinute) {
        case ...8: 3
        case 9...11: 1
        case 12...20: 0
        case 21...24: 2
        default: 3
        }
    }

    /// SpO2 sub-score. On scale 2 the upper bands score only on oxygen: 93 % or more on air scores 0.
    /// An unknown oxygen state is read as air, which can only under-score (the oxygen parameter is then missing).
    public static func oxygenSaturation(_ percent: Double, scale: NEWS2SpO2Scale, onOxygen: Bool?) -> Int {
        let spo2 = whole(percent)
        switch scale {
        case .scale1: return scale1(spo2)
        case .scale2: return spo2 >= 93 && onOxygen == true ? scale2OnOxygen(spo2) : scale2(spo2)
        }
    }

    public static func supplementalOxygen(_ onOxygen: Bool) -> Int { onOxygen ? 2 : 0 }

    public static func systolicBloodPressure(_ mmHg: Double) -> Int {
        switch whole(mmHg) {
        case ...90: 3
        case 91...100: 2
        case 101...110: 1
        case 111...219: 0
        default: 3
        }
    }

    public static func pulse(_ perMinute: Double) -> Int {
        switch whole(perMinute) {
        case ...40: 3
        case 41...50: 1
        case 51...90: 0
        case 91...110: 1
        case 111...130: 2
        default: 3
        }
    }

    public static func consciousness(_ level: NEWS2Consciousness) -> Int { level == .alert ? 0 : 3 }

    public static func temperature(_ celsius: Double) -> Int {
        switch Int((celsius * 10).rounded()) {
        case ...350: 3
        case 351...360: 1
        case 361...380: 0
        case 381...390: 1
        default: 2
        }
    }

    /// Sub-scores of the parameters present in `vitals`.
    public static func subScores(_ vitals: NEWS2Vitals, scale: NEWS2SpO2Scale) -> [NEWS2Parameter: Int] {
        var scores: [NEWS2Parameter: Int] = [:]
        visitSubScores(vitals, scale: scale) { scores[$0] = $1 }
        return scores
    }

    /// The sub-scores of `vitals` packed three bits each by chart position, 7 for a parameter not present. Equal keys
    /// mean equal sub-scores, so the scorer builds an assessment only when one changes, not for every reading.
    static func subScoreKey(_ vitals: NEWS2Vitals, scale: NEWS2SpO2Scale) -> Int {
        var key = (1 << (3 * NEWS2Parameter.allCases.count)) - 1
        visitSubScores(vitals, scale: scale) { parameter, score in
            let shift = 3 * parameter.rawValue
            key = key & ~(7 << shift) | score << shift
        }
        return key
    }

    private static func visitSubScores(_ vitals: NEWS2Vitals, scale: NEWS2SpO2Scale, _ body: (NEWS2Parameter, Int) -> Void) {
        if let value = vitals.respirationRate { body(.respirationRate, respirationRate(value)) }
        if let value = vitals.oxygenSaturation {
            body(.oxygenSaturation, oxygenSaturation(value, scale: scale, onOxygen: vitals.onSupplementalOxygen))
        }
        if let value = vitals.onSupplementalOxygen { body(.supplementalOxygen, supplementalOxygen(value)) }
        if let value = vitals.systolicBloodPressure { body(.systolicBloodPressure, systolicBloodPressure(value)) }
        if let value = vitals.pulse { body(.pulse, pulse(value)) }
        if let value = vitals.consciousness { body(.consciousness, consciousness(value)) }
        if let value = vitals.temperature { body(.temperature, temperature(value)) }
    }

    private static func scale1(_ spo2: Int) -> Int {
        switch spo2 {
        case ...91: 3
        case 92...93: 2
        case 94...95: 1
        default: 0
        }
    }

    private static func scale2(_ spo2: Int) -> Int {
        switch spo2 {
        case ...83: 3
        case 84...85: 2
        case 86...87: 1
        default: 0
        }
    }

    private static func scale2OnOxygen(_ spo2: Int) -> Int {
        switch spo2 {
        case ...94: 1
        case 95...96: 2
        default: 3
        }
    }

    private static func whole(_ value: Double) -> Int { Int(value.rounded()) }
}
