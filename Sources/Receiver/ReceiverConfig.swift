@preconcurrency import Crypto
import Foundation
import GatewayModel
import Transport
import Wire
import YAMLConfig

/// A checked reference-receiver configuration: upstream broker, keys, registered gateways, output.
public struct ReceiverConfig: Sendable {
    public var file: String
    public var endpoint: MQTTEndpoint
    public var url: String
    public var tls: MQTTTLSOptions?
    public var topicPrefix: String
    /// The lanes to take (all by default): an alarm-only consumer need not wait behind bulk lanes' backlogs.
    public var lanes: [Lane]
    public var clientID: String
    public var privateKey: Curve25519.KeyAgreement.PrivateKey
    /// Registered gateways and their public keys; batches from anyone else are rejected.
    public var gateways: [String: Curve25519.KeyAgreement.PublicKey]
    /// Folder of FHIR NDJSON files, one per gateway and day.
    public var outputDirectory: String
    /// SQLite file remembering `(gatewayId, seq)` pairs already written.
    public var statePath: String

    private static let keys: Set<String> = ["upstream", "keys", "output", "state"]

    /// The topic filters to subscribe to: every lane in one filter, or one filter per chosen lane.
    public var subscriptionFilters: [String] {
        Set(lanes) == Set(Lane.allCases) ? ["\(topicPrefix)/+/+/+"] : lanes.map { "\(topicPrefix)/+/+/\($0.rawValue)" }
    }

    private static func lanes(_ value: YAMLValue) throws(ConfigError) -> [Lane] {
        var lanes: [Lane] = []
        for item in try value.sequence() {
            if let lane = Lane(rawValue: try item.choice(Lane.byPriority.map(\.rawValue))), !lanes.contains(lane) { lanes.append(lane) }
        }
        guard !lanes.isEmpty else { throw value.error("'upstream.lanes' must name at least one lane") }
        return lanes
    }

    /// Loads `path`; errors carry `FILE:LINE:COLUMN`.
    public static func load(path: String) throws(ConfigError) -> ReceiverConfig {
        let document = try YAMLDocument.load(path: path)
        let file = document.file
        let top = try document.root.mapping(allowed: keys)
        let upstream = try top.required("upstream").mapping(allowed: ["url", "tls", "insecure", "topicPrefix", "clientId", "lanes"])
        let urlValue = try upstream.required("url")
        let endpoint = try urlValue.mqttEndpoint()
        let tls = try upstream["tls"]?.tlsOptions(relativeTo: file)
        if endpoint.useTLS, tls == nil { throw urlValue.error("'upstream.tls' with at least 'ca' is required for mqtts://") }
        if !endpoint.useTLS, try upstream["insecure"]?.bool() != true {
            throw urlValue.error("plaintext upstream refused; set 'upstream.insecure: true' for a lab")
        }
        let keyMap = try top.required("keys").mapping(allowed: ["privateKey", "gateways"])
        let privateValue = try keyMap.required("privateKey")
        let privateKey: Curve25519.KeyAgreement.PrivateKey
        do {
            privateKey = try KeyFile.readPrivateKey(at: ConfigPaths.resolve(try privateValue.nonEmptyString(), relativeTo: file))
        } catch let error as ConfigError { throw error } catch { throw privateValue.error("\(error)") }
        var gateways: [String: Curve25519.KeyAgreement.PublicKey] = [:]
        for (_, name, value) in try keyMap.required("gateways").namedEntries() {
            do {
                gateways[name] = try KeyFile.readPublicKey(at: ConfigPaths.resolve(try value.nonEmptyString(), relativeTo: file))
            } catch let error as ConfigError { throw error } catch { throw value.error("\(error)") }
        }
        return ReceiverConfig(
            file: file, endpoint: endpoint, url: try urlValue.string(), tls: tls,
            topicPrefix: try upstream["topicPrefix"]?.nonEmptyString() ?? "vitalgate/v1",
            lanes: try upstream["lanes"].map(Self.lanes) ?? Lane.byPriority,
            clientID: try upstream["clientId"]?.nonEmptyString() ?? "vitalgate-receiver",
            privateKey: privateKey, gateways: gateways,
            outputDirectory: ConfigPaths.resolve(try top.required("output").nonEmptyString(), relativeTo: file),
            statePath: ConfigPaths.resolve(try top.required("state").nonEmptyString(), relativeTo: file)
        )
    }
}
