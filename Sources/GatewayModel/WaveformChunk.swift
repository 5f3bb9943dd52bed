/// A run of regularly sampled integer samples of one channel; physical value = sample × scale + offset.
public struct WaveformChunk: Sendable, Hashable, Codable {
    public var device: String
    public var channel: ChannelDescriptor
    public var startUnixNs: Int64
    public var periodNs: Int64
    public var scale: Double
    public var offset: Double
    public var samples: [Int32]

    public init(
        device: String, channel: ChannelDescriptor, startUnixNs: Int64, periodNs: Int64,
        scale: Double = 1, offset: Double = 0, samples: [Int32]
    ) {
        self.device = device
        self.channel = channel
        self.startUnixNs = startUnixNs
        self.periodNs = periodNs
        self.scale = scale
        self.offset = offset
        self.samples = samples
    }
}
