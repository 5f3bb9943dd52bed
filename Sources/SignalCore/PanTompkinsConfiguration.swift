/// Parameters of the Pan–Tompkins QRS-enhancing front end, resolved for one sample rate.
public struct PanTompkinsConfiguration: Sendable, Hashable {
    public var sampleRate: Double
    /// Band-pass edges (Hz): QRS energy sits around 5–15 Hz, below it baseline wander and T waves, above it EMG.
    public var lowCutoff: Double
    public var highCutoff: Double
    /// Moving-window integration length (s), about the widest QRS complex.
    public var integrationWindow: Double

    public init(sampleRate: Double, lowCutoff: Double = 5, highCutoff: Double = 15, integrationWindow: Double = 0.150) {
        precondition(sampleRate > 2 * highCutoff, "sample rate too low for the band-pass")
        self.sampleRate = sampleRate
        self.lowCutoff = lowCutoff
        self.highCutoff = highCutoff
        self.integrationWindow = integrationWindow
    }

    /// Second-order Butterworth high-pass at `lowCutoff` followed by a low-pass at `highCutoff`.
    public var bandPassSections: [BiquadCoefficients] {
        [
            .highPass(cutoff: lowCutoff, sampleRate: sampleRate),
            .lowPass(cutoff: highCutoff, sampleRate: sampleRate),
        ]
    }

    /// Integration window in samples (at least eight, the SIMD block).
    public var integrationSamples: Int { max(8, Int((integrationWindow * sampleRate).rounded())) }
}
