/// What a `PulseDetector` concludes about the recent window: is there a pulse, and how fast.
public struct PulseStatus: Sendable, Equatable {
    /// Whether the window holds a pulsatile waveform (rather than a flat line or noise).
    public var isPresent: Bool
    /// Pulses per minute from the typical onset interval in the window; nil unless `isPresent`.
    public var pulseRate: Double?
    /// Pulses detected in the window, present or not.
    public var pulseCount: Int
    /// Peak normalised autocorrelation of the waveform near the pulse period (0 for flat or noise, → 1 for a clean train).
    public var periodicity: Double
    /// Mean correlation of each pulse's shape with the window's average pulse; high even for an irregular rhythm.
    public var consistency: Double

    public init(isPresent: Bool, pulseRate: Double?, pulseCount: Int, periodicity: Double, consistency: Double) {
        self.isPresent = isPresent
        self.pulseRate = pulseRate
        self.pulseCount = pulseCount
        self.periodicity = periodicity
        self.consistency = consistency
    }
}
