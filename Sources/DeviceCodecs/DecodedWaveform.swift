/// A run of regularly sampled raw samples as a device sent them, named in the device's terms.
public struct DecodedWaveform: Sendable, Equatable {
    /// The device's name for the signal (`pleth`, `ecg1`, …), mapped to a channel by the profile.
    public var name: String
    public var startUnixNs: Int64
    public var periodNs: Int64
    public var samples: [Int32]

    public init(name: String, startUnixNs: Int64, periodNs: Int64, samples: [Int32]) {
        self.name = name
        self.startUnixNs = startUnixNs
        self.periodNs = periodNs
        self.samples = samples
    }
}
