@preconcurrency import Crypto
import GatewayModel
import Store
import Transport
import YAMLConfig

/// A checked gateway configuration (`gateway.yaml`) with every path resolved and keys loaded.
public struct GatewayConfig: Sendable {
    public var file: String
    public var gatewayID: String
    public var site: String
    public var profileDirectories: [String]
    public var store: QueueConfiguration
    public var upstream: UpstreamSettings
    public var sealing: SealingKeys
    public var sensors: SensorSettings
    public var api: APISettings
    public var lanes: [Lane: LanePolicy]
    public var devices: [DeviceConfig]
    /// The profiles the devices use, by name.
    public var profiles: [String: DeviceProfile]
    /// Problems that do not stop the gateway, such as a broken profile no device uses.
    public var warnings: [ConfigError] = []

    public func lanePolicy(_ lane: Lane) -> LanePolicy { lanes[lane] ?? LanePolicy.defaults(for: lane) }

    /// Each configured device with its profile (every device has one once the config loaded).
    var deviceProfiles: [(DeviceConfig, DeviceProfile)] {
        devices.compactMap { device in profiles[device.info.profile].map { (device, $0) } }
    }
}

/// Where and how the gateway forwards sealed batches.
public struct UpstreamSettings: Sendable {
    public var url: String
    public var endpoint: MQTTEndpoint
    public var tls: MQTTTLSOptions?
    /// Plain MQTT upstream is allowed only with this set, and logs a warning at start.
    public var insecure: Bool
    public var inflight: Int
    public var topicPrefix: String
    public var clientID: String
    public var keepAlive: Duration
    public var sessionExpiry: Duration
    /// A second connection, client id `<clientID>-alarm`, that carries the alarm lane alone (see `UplinkLink`); the
    /// loader turns it on unless the config says `false`.
    public var alarmConnection: Bool
}

/// The keys that seal batches: the gateway's own private key and the platform's public key.
public struct SealingKeys: Sendable {
    public var gatewayKeyPath: String
    public var recipientKeyPath: String
    public var gatewayKey: Curve25519.KeyAgreement.PrivateKey
    public var recipientKey: Curve25519.KeyAgreement.PublicKey
}

/// The local broker that MQTT and BLE-bridge devices publish to.
public struct SensorSettings: Sendable {
    public var url: String
    public var endpoint: MQTTEndpoint
    public var tls: MQTTTLSOptions?
    public var clientID: String
}

/// The local control API's socket and the optional Prometheus metrics address.
public struct APISettings: Sendable {
    public var socket: String
    public var metrics: MetricsAddress?
}

/// Where `/metrics` is served: a host (loopback unless the operator says otherwise) and a TCP port.
public struct MetricsAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
}

/// How long readings of one lane wait in memory and how big a batch may grow before it is sealed.
public struct LanePolicy: Sendable, Equatable {
    public var maxLatency: Duration
    public var maxBytes: Int

    public init(maxLatency: Duration, maxBytes: Int) {
        self.maxLatency = maxLatency
        self.maxBytes = maxBytes
    }

    /// Alarms are sealed at once; vitals and waveforms wait up to one second to share the sealing cost.
    public static func defaults(for lane: Lane) -> LanePolicy {
        switch lane {
        case .alarm: LanePolicy(maxLatency: .zero, maxBytes: 64 * 1024)
        case .vital: LanePolicy(maxLatency: .seconds(1), maxBytes: 256 * 1024)
        case .wave: LanePolicy(maxLatency: .seconds(1), maxBytes: 512 * 1024)
        }
    }
}

/// One configured bedside device: its identity, profile and where its data comes from.
public struct DeviceConfig: Sendable {
    public var info: DeviceInfo
    /// MQTT topic filter for MQTT and BLE-bridged devices.
    public var topic: String?
    /// Serial port path for serial devices.
    public var port: String?
}
