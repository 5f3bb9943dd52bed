/// One of the seven NEWS2 physiological parameters, in the order of the RCP chart.
///
/// Not String-backed: a String-backed enum hashes its name. The raw value is the chart position, by which the scorer
/// keeps its readings.
public enum NEWS2Parameter: Int, Sendable, Hashable, CaseIterable {
    case respirationRate
    case oxygenSaturation
    case supplementalOxygen
    case systolicBloodPressure
    case pulse
    case consciousness
    case temperature

    /// The parameter's name in assessment summaries.
    public var name: String {
        switch self {
        case .respirationRate: "respirationRate"
        case .oxygenSaturation: "oxygenSaturation"
        case .supplementalOxygen: "supplementalOxygen"
        case .systolicBloodPressure: "systolicBloodPressure"
        case .pulse: "pulse"
        case .consciousness: "consciousness"
        case .temperature: "temperature"
        }
    }
}
