import DeviceCodecs
import Foundation
import GatewayModel

/// Decodes a recorded capture with a profile, exactly as the running gateway would, for
/// `vitalgate profile decode`: a technician checks a device before deploying it.
public struct CaptureDecoder {
    /// The result of decoding a capture.
    public struct Result: Sendable {
        public var measurements: [GatewayModel.Measurement] = []
        public var waveforms: [WaveformChunk] = []
        public var conditions: [DeviceCondition] = []
        public var errors: [DecodeError] = []
        public var frames = 0
        public var lostFrames = 0
        public var unmapped = 0
    }

    private let profile: DeviceProfile
    private let messageDecoder: DeviceDecoder
    private var streamDecoder: (any ByteStreamDecoder)?
    private let mapper: ChannelMapper
    private let topic: String
    private(set) public var result = Result()

    /// `topic` stands in for the MQTT topic a message would have come on (BLE bridges put the
    /// characteristic there).
    public init(profile: DeviceProfile, topic: String = "capture") {
        self.profile = profile
        let device = DeviceInfo(id: "capture", profile: profile.name)
        messageDecoder = DeviceDecoder(device: device, profile: profile)
        streamDecoder = profile.decoder.readsByteStream ? StreamDecoders.make(for: profile) : nil
        mapper = ChannelMapper(device: device.id, profile: profile)
        self.topic = topic
    }

    public var readsByteStream: Bool { streamDecoder != nil }

    /// Feeds bytes: a chunk of the stream for serial decoders, one whole message otherwise.
    public mutating func feed(_ bytes: [UInt8], nowUnixMs: Int64 = WallClock.nowUnixMs()) {
        let decoded: DecodedBatch
        if var stream = streamDecoder {
            decoded = stream.decode(bytes, nowUnixMs: nowUnixMs)
            streamDecoder = stream
        } else {
            do {
                decoded = try messageDecoder.decode(Data(bytes), topic: topic, nowUnixMs: nowUnixMs)
            } catch {
                result.errors.append(error)
                result.frames += 1
                return
            }
        }
        let mapped = mapper.map(decoded)
        result.measurements += mapped.measurements
        result.waveforms += mapped.waveforms
        result.conditions += decoded.conditions
        result.errors += decoded.errors
        result.frames += decoded.frames
        result.lostFrames += decoded.lostFrames
        result.unmapped += mapped.unmapped
    }

    /// Takes what was decoded so far, for printing as it goes.
    public mutating func take() -> Result {
        defer {
            result.measurements.removeAll()
            result.waveforms.removeAll()
            result.conditions.removeAll()
        }
        return result
    }
}
