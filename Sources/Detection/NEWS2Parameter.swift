/// One of the seven NEWS2 physiological parameters, in the order of the RCP chart.
public enum NEWS2Parameter: String, Sendable, Hashable, CaseIterable {
    case respirationRate
    case oxygenSaturation
    case supplementalOxygen
    case systolicBloodPressure
    case pulse
    case consciousness
    case temperature
}
