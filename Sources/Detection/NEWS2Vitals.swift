/// The latest value of each NEWS2 parameter for one patient; nil means not observed (or too old).
public struct NEWS2Vitals: Sendable, Hashable {
    /// Breaths per minute.
    public var respirationRate: Double?
    /// SpO2 in %.
    public var oxygenSaturation: Double?
    public var onSupplementalOxygen: Bool?
    /// mmHg.
    public var systolicBloodPressure: Double?
    /// Beats per minute.
    public var pulse: Double?
    public var consciousness: NEWS2Consciousness?
    /// Degrees Celsius.
    public var temperature: Double?

    public init(
        respirationRate: Double? = nil, oxygenSaturation: Double? = nil, onSupplementalOxygen: Bool? = nil,
        systolicBloodPressure: Double? = nil, pulse: Double? = nil, consciousness: NEWS2Consciousness? = nil,
        temperature: Double? = nil
    ) {
        self.respirationRate = respirationRate
        self.oxygenSaturation = oxygenSaturation
        self.onSupplementalOxygen = onSupplementalOxygen
        self.systolicBloodPressure = systolicBloodPressure
        self.pulse = pulse
        self.consciousness = consciousness
        self.temperature = temperature
    }
}
