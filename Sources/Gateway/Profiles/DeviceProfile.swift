import DeviceCodecs
import Detection
import GatewayModel

/// A device type as a field technician describes it in YAML: transport, decoder, lane and channels.
public struct DeviceProfile: Sendable {
    /// How the device's bytes reach the gateway.
    public enum TransportKind: String, Sendable, CaseIterable {
        case mqtt
        case serial
        case bleBridge = "ble-bridge"
    }

    public var name: String
    public var description: String
    public var file: String
    public var transport: TransportKind
    public var decoder: DecoderSpec
    public var lane: Lane
    public var channels: [ProfileChannel]
}

/// Which decoder turns the device's payloads into readings, with its options.
public enum DecoderSpec: Sendable {
    case senml
    case jsonMap(timePath: String?, timeUnit: JSONTimeUnit)
}

/// One channel of a profile: where it comes from in the payload, its codes, unit, scaling and alarms.
public struct ProfileChannel: Sendable {
    public var descriptor: ChannelDescriptor
    /// The device's own name for the value: SenML record name or JSON path.
    public var source: String
    public var scale: Double
    public var offset: Double
    public var alarms: [LimitRule]
}
