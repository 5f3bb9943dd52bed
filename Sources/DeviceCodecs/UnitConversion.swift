/// Converts a value a device reported in one unit to the unit its profile asks for.
///
/// Devices speak in SenML names (`beat/min`), kPa or °F; the platform gets UCUM in the profile's
/// unit. A value is never relabelled without converting it: when no conversion is known the
/// device's own unit is kept.
public enum UnitConversion {
    /// Spellings that mean the same UCUM unit.
    private static let aliases: [String: String] = [
        "beat/min": "/min", "beats/min": "/min", "1/min": "/min", "bpm": "/min", "breaths/min": "/min", "{beats}/min": "/min",
        "mmHg": "mm[Hg]", "degC": "Cel", "°C": "Cel", "degF": "[degF]", "°F": "[degF]", "lb": "[lb_av]", "in": "[in_i]",
        "mg/dl": "mg/dL", "mmol/l": "mmol/L",
    ]

    /// Linear conversions `to = from × factor + offset`, keyed by (from, to).
    private static let linear: [String: (factor: Double, offset: Double)] = [
        "kPa>mm[Hg]": (7.500_615_75, 0), "mm[Hg]>kPa": (0.133_322_387, 0),
        "[degF]>Cel": (5.0 / 9.0, -32.0 * 5.0 / 9.0), "Cel>[degF]": (9.0 / 5.0, 32),
        "[lb_av]>kg": (0.453_592_37, 0), "kg>[lb_av]": (1 / 0.453_592_37, 0),
        "[in_i]>m": (0.0254, 0), "m>[in_i]": (1 / 0.0254, 0), "cm>m": (0.01, 0),
        // Glucose only: 1 mmol/L = 18.016 mg/dL (molar mass 180.16 g/mol).
        "mmol/L>mg/dL": (18.016, 0), "mg/dL>mmol/L": (1 / 18.016, 0),
    ]

    public static func normalized(_ unit: String) -> String { aliases[unit] ?? unit }

    /// The value in `target`, or nil when `unit` differs and no conversion is known.
    public static func convert(_ value: Double, from unit: String, to target: String) -> Double? {
        let from = normalized(unit)
        let to = normalized(target)
        if from == to { return value }
        guard let rule = linear["\(from)>\(to)"] else { return nil }
        return value * rule.factor + rule.offset
    }
}
