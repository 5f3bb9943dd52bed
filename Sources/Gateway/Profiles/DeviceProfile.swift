import DeviceCodecs
import Detection
import GatewayModel
import Transport

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
    /// Line settings, for serial devices only.
    public var serial: SerialSettings?
    public var lane: Lane
    public var channels: [ProfileChannel]
}

/// Which decoder turns the device's payloads into readings, with its options.
public enum DecoderSpec: Sendable {
    /// How the fields of a text line are found.
    public enum LineFormat: Sendable {
        case csv(separator: Character, timeColumn: Int?)
        case keyValue(separator: Character, pairSeparator: Character, timeKey: String?)
    }

    case senml
    case jsonMap(timePath: String?, timeUnit: JSONTimeUnit)
    case masimoASCII(dateOrder: String)
    case nonin(format: Int)
    case lines(LineFormat)
    case cobsWaveform(sampleBits: Int, channels: [String], sampleRateHz: Double)
    case bleGATT

    /// The YAML names of the decoders.
    static let names = ["senml", "json-map", "masimo-ascii", "nonin-2", "nonin-7", "nonin-8", "csv", "key-value", "cobs-waveform", "ble-gatt"]

    /// Decoders of a continuous byte stream (serial), as opposed to one message per payload.
    public var readsByteStream: Bool {
        switch self {
        case .senml, .jsonMap, .bleGATT: false
        case .masimoASCII, .nonin, .lines, .cobsWaveform: true
        }
    }
}

/// One channel of a profile: where it comes from in the payload, its codes, unit, scaling and alarms.
public struct ProfileChannel: Sendable {
    public var descriptor: ChannelDescriptor
    /// The device's own name for the value: SenML record name, JSON path, column, key or the
    /// decoder's value name (`spo2`, `pleth`, …).
    public var source: String
    public var scale: Double
    public var offset: Double
    public var alarms: [LimitRule]
    public var analysis = ChannelAnalysis()
}
