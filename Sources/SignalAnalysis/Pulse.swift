/// One detected pulse of a pleth (PPG) or arterial pressure waveform, located by sample index.
public struct Pulse: Sendable, Equatable {
    /// Foot of the upstroke (the pulse's fiducial time), in samples from the stream's first sample.
    public var onset: Int
    /// Systolic peak, in samples from the stream's first sample.
    public var peak: Int
    /// Peak minus foot of the band-passed waveform, in input units.
    public var amplitude: Double

    public init(onset: Int, peak: Int, amplitude: Double) {
        self.onset = onset
        self.peak = peak
        self.amplitude = amplitude
    }
}
