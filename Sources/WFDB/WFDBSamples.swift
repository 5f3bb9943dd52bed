/// ADC samples of every signal of a record for a range of frames.
public struct WFDBSamples: Sendable, Equatable {
    /// Sentinel for samples the file marks as missing (WFDB's invalid-sample convention).
    public static let invalid = Int32.min

    /// Frames covered: samples of signal `s` for frame `f` sit at `(f - frames.lowerBound) * samplesPerFrame ..< +samplesPerFrame`.
    public var frames: Range<Int>
    /// One entry per header signal, in header order.
    public var signals: [WFDBSignalSamples]

    public init(frames: Range<Int>, signals: [WFDBSignalSamples]) {
        self.frames = frames
        self.signals = signals
    }
}

/// The ADC samples of one signal with the scaling needed to turn them into physical units.
public struct WFDBSignalSamples: Sendable, Equatable {
    /// The header line this signal came from (gain, baseline, units, label, …).
    public var spec: WFDBSignalSpec
    /// ADC values; `WFDBSamples.invalid` marks missing samples.
    public var samples: [Int32]

    public init(spec: WFDBSignalSpec, samples: [Int32]) {
        self.spec = spec
        self.samples = samples
    }

    public var adcGain: Double { spec.adcGain }
    public var baseline: Int { spec.baseline }
    public var units: String { spec.units }
    public var label: String { spec.label }

    /// Samples in physical units (e.g. mV); NaN where a sample is missing.
    public var physicalValues: [Double] { samples.map(spec.physical) }
}
