/// Which NEWS2 SpO2 scale applies: scale 2 only for hypercapnic respiratory failure, by clinical decision.
public enum NEWS2SpO2Scale: Int, Sendable, Hashable, CaseIterable {
    case scale1 = 1
    case scale2 = 2
}
