import DeviceCodecs
import Foundation
import GatewayModel

/// Decodes one MQTT-connected device's payloads (SenML, JSON mapping, BLE bridge) with its profile.
struct DeviceDecoder: Sendable {
    let device: DeviceInfo
    let profile: DeviceProfile
    let mapper: ChannelMapper
    private let jsonMap: JSONMapDecoder?

    init(device: DeviceInfo, profile: DeviceProfile) {
        self.device = device
        self.profile = profile
        self.mapper = ChannelMapper(device: device.id, profile: profile)
        if case let .jsonMap(timePath, timeUnit) = profile.decoder {
            jsonMap = JSONMapDecoder(
                paths: profile.channels.compactMap { JSONPath($0.source) }, timePath: timePath.flatMap(JSONPath.init), timeUnit: timeUnit
            )
        } else {
            jsonMap = nil
        }
    }

    /// What one message holds, named in the device's terms.
    func decode(_ payload: Data, topic: String, nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        switch profile.decoder {
        case .jsonMap:
            return DecodedBatch(values: try jsonMap!.decode(payload, nowUnixMs: nowUnixMs), frames: 1)
        case .bleGATT:
            return try BLEMessageDecoder.decode(payload, topic: topic, nowUnixMs: nowUnixMs)
        default:
            return DecodedBatch(values: try SenMLDecoder.decode(payload, nowUnixMs: nowUnixMs), frames: 1)
        }
    }

    /// Measurements and waveforms of the mapped channels.
    func decodeAndMap(_ payload: Data, topic: String, nowUnixMs: Int64) throws(DecodeError) -> (ChannelMapper.Mapped, DecodedBatch) {
        let batch = try decode(payload, topic: topic, nowUnixMs: nowUnixMs)
        return (mapper.map(batch), batch)
    }
}
