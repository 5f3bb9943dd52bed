/// Tuning of a `PulseDetector`; the defaults suit adult PPG and arterial pressure at 50–500 Hz.
public struct PulseDetectorConfiguration: Sendable, Equatable {
    /// Band-pass edges in Hz: the low edge removes baseline wander, the high edge noise above the upstroke's content.
    public var passBand: ClosedRange<Double>
    /// Slope-sum window in seconds; about the duration of an upstroke (Zong et al. use 128 ms).
    public var slopeWindow: Double
    /// Shortest pulse-to-pulse time in seconds (0.25 s allows 240 /min).
    public var refractory: Double
    /// Seconds at the start used only to learn the slope-sum level; no pulses are reported in it.
    public var learningPeriod: Double
    /// Fraction of the running slope-sum peak level a new upstroke must reach; rejects dicrotic waves.
    public var thresholdFraction: Double
    /// Seconds without a pulse after which the threshold starts halving each second, to recover from artefacts.
    public var thresholdDecayAfter: Double
    /// Length in seconds of the recent window that `status` describes.
    public var statusWindow: Double
    /// Pulses needed in the window before a pulse can be called present.
    public var minimumPulses: Int
    /// Periodicity (normalised autocorrelation at the pulse period) that makes a regular pulse present.
    public var minimumPeriodicity: Double
    /// Beat-shape consistency that makes an irregular pulse present; noise stays below about 0.75.
    public var minimumConsistency: Double

    public init(
        passBand: ClosedRange<Double> = 0.5...8, slopeWindow: Double = 0.128, refractory: Double = 0.25,
        learningPeriod: Double = 2, thresholdFraction: Double = 0.4, thresholdDecayAfter: Double = 2,
        statusWindow: Double = 10, minimumPulses: Int = 3, minimumPeriodicity: Double = 0.5,
        minimumConsistency: Double = 0.85
    ) {
        self.passBand = passBand
        self.slopeWindow = slopeWindow
        self.refractory = refractory
        self.learningPeriod = learningPeriod
        self.thresholdFraction = thresholdFraction
        self.thresholdDecayAfter = thresholdDecayAfter
        self.statusWindow = statusWindow
        self.minimumPulses = minimumPulses
        self.minimumPeriodicity = minimumPeriodicity
        self.minimumConsistency = minimumConsistency
    }
}
