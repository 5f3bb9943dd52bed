import DeviceCodecs
import Foundation
import GatewayModel

/// Turns one device's payloads into coded measurements, as its profile says.
struct DeviceDecoder: Sendable {
    let device: DeviceInfo
    let profile: DeviceProfile
    private let jsonMap: JSONMapDecoder?
    private let channelsBySource: [String: ProfileChannel]

    init(device: DeviceInfo, profile: DeviceProfile) {
        self.device = device
        self.profile = profile
        var bySource: [String: ProfileChannel] = [:]
        for channel in profile.channels { bySource[channel.source] = channel }
        self.channelsBySource = bySource
        switch profile.decoder {
        case .senml:
            jsonMap = nil
        case let .jsonMap(timePath, timeUnit):
            jsonMap = JSONMapDecoder(
                paths: profile.channels.compactMap { JSONPath($0.source) }, timePath: timePath.flatMap(JSONPath.init), timeUnit: timeUnit
            )
        }
    }

    /// Measurements of the mapped channels; values the profile does not name are counted as unmapped.
    func decode(_ payload: Data, nowUnixMs: Int64) throws(DecodeError) -> (measurements: [GatewayModel.Measurement], unmapped: Int) {
        let values: [DecodedValue]
        if let jsonMap {
            values = try jsonMap.decode(payload, nowUnixMs: nowUnixMs)
        } else {
            values = try SenMLDecoder.decode(payload, nowUnixMs: nowUnixMs)
        }
        var measurements: [GatewayModel.Measurement] = []
        measurements.reserveCapacity(values.count)
        var unmapped = 0
        for value in values {
            guard let channel = channel(for: value.name) else {
                unmapped += 1
                continue
            }
            let scaled = value.value.map { $0 * channel.scale + channel.offset }
            measurements.append(
                GatewayModel.Measurement(
                    device: device.id, channel: channel.descriptor, timeUnixMs: value.timeUnixMs, value: scaled,
                    status: value.status, absentReason: scaled == nil ? "unknown" : nil
                )
            )
        }
        return (measurements, unmapped)
    }

    /// SenML names are often `<device urn>:hr` or `bed14/hr`: match the whole name, then its last part.
    private func channel(for name: String) -> ProfileChannel? {
        if let channel = channelsBySource[name] { return channel }
        guard let separator = name.lastIndex(where: { $0 == ":" || $0 == "/" }) else { return nil }
        return channelsBySource[String(name[name.index(after: separator)...])]
    }
}
