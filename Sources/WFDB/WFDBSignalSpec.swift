/// One signal line of a WFDB header: where the samples live, how they are stored and how to scale them.
public struct WFDBSignalSpec: Sendable, Equatable {
    /// Signal file name relative to the header's directory (WFDB allows `-`/`~` for stdin/null).
    public var fileName: String
    /// Storage format number, e.g. 212, 16, 80 (`WFDBSampleFormat` lists the decodable ones).
    public var format: Int
    /// Samples of this signal in each frame (`xN` suffix); 1 for ordinary signals.
    public var samplesPerFrame: Int
    /// Frames by which this signal lags the others in the file (`:skew` suffix).
    public var skew: Int
    /// Bytes to skip at the start of the signal file (`+offset` suffix).
    public var byteOffset: Int
    /// ADC units per physical unit; the spec's default of 200 applies when absent or zero.
    public var adcGain: Double
    /// ADC value that corresponds to 0 physical units; defaults to `adcZero`.
    public var baseline: Int
    /// Physical units, e.g. `mV`, `mmHg`; `mV` when absent.
    public var units: String
    /// ADC resolution in bits; 12 when absent, as the spec says.
    public var adcResolution: Int
    /// ADC value at the centre of the converter's range.
    public var adcZero: Int
    /// Value of the first sample; defaults to `adcZero`.
    public var initialValue: Int
    /// 16-bit sum of all samples, when the header records one.
    public var checksum: Int16?
    /// Block size for special files; 0 for ordinary files.
    public var blockSize: Int
    /// The header's free-text description, e.g. `MLII`; empty when absent.
    public var label: String

    public init(
        fileName: String, format: Int, samplesPerFrame: Int = 1, skew: Int = 0, byteOffset: Int = 0,
        adcGain: Double = 200, baseline: Int? = nil, units: String = "mV", adcResolution: Int = 12,
        adcZero: Int = 0, initialValue: Int? = nil, checksum: Int16? = nil, blockSize: Int = 0, label: String = ""
    ) {
        self.fileName = fileName
        self.format = format
        self.samplesPerFrame = samplesPerFrame
        self.skew = skew
        self.byteOffset = byteOffset
        self.adcGain = adcGain
        self.baseline = baseline ?? adcZero
        self.units = units
        self.adcResolution = adcResolution
        self.adcZero = adcZero
        self.initialValue = initialValue ?? adcZero
        self.checksum = checksum
        self.blockSize = blockSize
        self.label = label
    }

    /// Converts an ADC sample to physical units; NaN for the invalid-sample sentinel.
    public func physical(_ adc: Int32) -> Double {
        adc == WFDBSamples.invalid ? .nan : Double(Int(adc) - baseline) / adcGain
    }
}
