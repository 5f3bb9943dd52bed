import Foundation
import GatewayModel
import Store
import Transport
import Wire
import YAMLConfig

extension GatewayConfig {
    /// Loads and checks `path` and every profile its devices use; all problems are reported together.
    public static func load(path: String) throws(ConfigErrors) -> GatewayConfig {
        let document: YAMLDocument
        do { document = try YAMLDocument.load(path: path) } catch { throw ConfigErrors([error]) }
        var errors: [ConfigError] = []
        do {
            let config = try parse(document, errors: &errors)
            if errors.isEmpty { return config }
        } catch {
            errors.append(error)
        }
        throw ConfigErrors(errors)
    }

    private static let topKeys: Set<String> = [
        "gateway", "profiles", "store", "upstream", "sealing", "sensors", "api", "lanes", "devices",
    ]

    private static func parse(_ document: YAMLDocument, errors: inout [ConfigError]) throws(ConfigError) -> GatewayConfig {
        let file = document.file
        let top = try document.root.mapping(allowed: topKeys)
        let gateway = try top.required("gateway").mapping(allowed: ["id", "site"])
        let gatewayID = try gateway.required("id").identifier()
        let site = try gateway.required("site").identifier()

        let profileDirectories = try top["profiles"].map { value throws(ConfigError) in
            try value.sequence().map { item throws(ConfigError) in ConfigPaths.resolve(try item.nonEmptyString(), relativeTo: file) }
        } ?? ["/usr/share/vitalgate/profiles", "/etc/vitalgate/profiles.d"]

        let store = try parseStore(top.required("store"), file: file)
        let upstream = try parseUpstream(top.required("upstream"), file: file, gatewayID: gatewayID)
        let sealing = try parseSealing(top.required("sealing"), file: file)
        let sensors = try parseSensors(top["sensors"], file: file, gatewayID: gatewayID)
        let api = try parseAPI(top["api"], file: file)
        let lanes = try parseLanes(top["lanes"])

        let catalog = ProfileCatalog.load(directories: profileDirectories)
        errors.append(contentsOf: catalog.duplicates)
        var devices: [DeviceConfig] = []
        var profiles: [String: DeviceProfile] = [:]
        if let list = top["devices"] {
            var seen: [String: YAMLValue] = [:]
            for item in try list.sequence() {
                do throws(ConfigError) {
                    let (device, idValue, profile) = try parseDevice(item, catalog: catalog)
                    if let first = seen[device.info.id] {
                        throw idValue.error("duplicate device id '\(device.info.id)' (first defined at line \(first.line))")
                    }
                    seen[device.info.id] = idValue
                    devices.append(device)
                    profiles[profile.name] = profile
                } catch {
                    errors.append(error)
                }
            }
        }
        return GatewayConfig(
            file: file, gatewayID: gatewayID, site: site, profileDirectories: profileDirectories,
            store: store, upstream: upstream, sealing: sealing, sensors: sensors, api: api, lanes: lanes,
            devices: devices, profiles: profiles, warnings: catalog.errors
        )
    }

    private static func parseStore(_ value: YAMLValue, file: String) throws(ConfigError) -> QueueConfiguration {
        let map = try value.mapping(allowed: ["path", "maxBytes", "maxAge", "sync"])
        let path = ConfigPaths.resolve(try map.required("path").nonEmptyString(), relativeTo: file)
        let maxBytes = try map["maxBytes"]?.byteSize() ?? 2 * 1024 * 1024 * 1024
        if maxBytes < 64 * 1024, let node = map["maxBytes"] {
            throw node.error("'store.maxBytes' must be at least 64KiB, found \(maxBytes) bytes")
        }
        let maxAge = try map["maxAge"]?.duration() ?? .seconds(7 * 86400)
        if maxAge < .seconds(60), let node = map["maxAge"] { throw node.error("'store.maxAge' must be at least 1m") }
        let sync = try map["sync"].map { value throws(ConfigError) in SyncMode(rawValue: try value.choice(["full", "normal"]))! } ?? .full
        return QueueConfiguration(path: path, maxBytes: maxBytes, maxAge: maxAge, sync: sync)
    }

    private static func parseUpstream(_ value: YAMLValue, file: String, gatewayID: String) throws(ConfigError) -> UpstreamSettings {
        let map = try value.mapping(allowed: ["url", "tls", "insecure", "inflight", "topicPrefix", "clientId", "keepAlive", "sessionExpiry", "alarmConnection"])
        let urlValue = try map.required("url")
        let url = try urlValue.nonEmptyString()
        let endpoint = try urlValue.mqttEndpoint()
        let insecure = try map["insecure"]?.bool() ?? false
        var tls: MQTTTLSOptions?
        if let tlsValue = map["tls"] { tls = try tlsValue.tlsOptions(relativeTo: file) }
        if endpoint.useTLS, tls == nil {
            throw value.error("'upstream.tls' with at least 'ca' is required for \(url)")
        }
        if !endpoint.useTLS, !insecure {
            throw urlValue.error("plaintext upstream '\(url)' refused: patient data needs mqtts://, or set 'upstream.insecure: true' for a lab")
        }
        if !endpoint.useTLS, let tlsValue = map["tls"] {
            throw tlsValue.error("'upstream.tls' applies only to an mqtts:// url, found \(url)")
        }
        let prefix = try map["topicPrefix"]?.topicPrefix() ?? "vitalgate/v1"
        let keepAlive = try map["keepAlive"]?.duration() ?? .seconds(30)
        if let keepAliveValue = map["keepAlive"], !(Duration.seconds(5)...Duration.seconds(65535)).contains(keepAlive) {
            throw keepAliveValue.error("'upstream.keepAlive' must be between 5s and 65535s")
        }
        let sessionExpiry = try map["sessionExpiry"]?.duration() ?? .seconds(7 * 86400)
        return UpstreamSettings(
            url: url, endpoint: endpoint, tls: tls, insecure: insecure,
            inflight: try map["inflight"]?.int(in: 1...1000) ?? 32, topicPrefix: prefix,
            clientID: try map["clientId"]?.nonEmptyString() ?? "vitalgate-\(gatewayID)-up",
            keepAlive: keepAlive, sessionExpiry: sessionExpiry, alarmConnection: try map["alarmConnection"]?.bool() ?? true
        )
    }

    private static func parseSealing(_ value: YAMLValue, file: String) throws(ConfigError) -> SealingKeys {
        let map = try value.mapping(allowed: ["recipientKey", "gatewayKey"])
        let recipientValue = try map.required("recipientKey")
        let gatewayValue = try map.required("gatewayKey")
        let recipientPath = ConfigPaths.resolve(try recipientValue.nonEmptyString(), relativeTo: file)
        let gatewayPath = ConfigPaths.resolve(try gatewayValue.nonEmptyString(), relativeTo: file)
        let recipient = try readKey(at: recipientValue) { try KeyFile.readPublicKey(at: recipientPath) }
        let gateway = try readKey(at: gatewayValue) { try KeyFile.readPrivateKey(at: gatewayPath) }
        return SealingKeys(gatewayKeyPath: gatewayPath, recipientKeyPath: recipientPath, gatewayKey: gateway, recipientKey: recipient)
    }

    /// Runs a key-file read, pinning its failure to the config value that named the file.
    private static func readKey<Key>(at value: YAMLValue, _ read: () throws -> Key) throws(ConfigError) -> Key {
        do { return try read() } catch { throw value.error("\(error)") }
    }

    private static func parseSensors(_ value: YAMLValue?, file: String, gatewayID: String) throws(ConfigError) -> SensorSettings {
        let map = try value?.mapping(allowed: ["url", "tls", "clientId"])
        let url = try map?["url"]?.nonEmptyString() ?? "mqtt://127.0.0.1:1883"
        let endpoint = try map?["url"]?.mqttEndpoint() ?? MQTTEndpoint(host: "127.0.0.1", port: 1883, useTLS: false)
        let tls = try map?["tls"].map { value throws(ConfigError) in try value.tlsOptions(relativeTo: file) }
        if endpoint.useTLS != (tls != nil), let value {
            throw value.error(endpoint.useTLS ? "'sensors.tls' with at least 'ca' is required for \(url)" : "'sensors.tls' applies only to an mqtts:// url, found \(url)")
        }
        return SensorSettings(url: url, endpoint: endpoint, tls: tls, clientID: try map?["clientId"]?.nonEmptyString() ?? "vitalgate-\(gatewayID)-sensors")
    }

    private static func parseAPI(_ value: YAMLValue?, file: String) throws(ConfigError) -> APISettings {
        let map = try value?.mapping(allowed: ["socket", "metrics"])
        let socket = try map?["socket"].map { value throws(ConfigError) in ConfigPaths.resolve(try value.nonEmptyString(), relativeTo: file) }
        let metrics = try map?["metrics"].map { value throws(ConfigError) in try parseMetricsAddress(value) }
        return APISettings(socket: socket ?? "/run/vitalgate/api.sock", metrics: metrics)
    }

    /// `127.0.0.1:9464`, `[::1]:9464` or `localhost:9464`.
    private static func parseMetricsAddress(_ value: YAMLValue) throws(ConfigError) -> MetricsAddress {
        let text = try value.nonEmptyString()
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            throw value.error("'api.metrics' must be HOST:PORT, e.g. 127.0.0.1:9464; found '\(text)'")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw value.error("'api.metrics' needs a host, e.g. 127.0.0.1:\(port)") }
        return MetricsAddress(host: host, port: port)
    }

    private static func parseLanes(_ value: YAMLValue?) throws(ConfigError) -> [Lane: LanePolicy] {
        guard let value else { return [:] }
        let map = try value.mapping(allowed: Set(Lane.allCases.map(\.rawValue)))
        var lanes: [Lane: LanePolicy] = [:]
        for lane in Lane.allCases {
            guard let laneValue = map[lane.rawValue] else { continue }
            let laneMap = try laneValue.mapping(allowed: ["maxLatency", "maxBytes"])
            var policy = LanePolicy.defaults(for: lane)
            if let latencyValue = laneMap["maxLatency"] {
                let latency = try latencyValue.duration()
                guard latency <= .seconds(60) else { throw latencyValue.error("'\(latencyValue.path)' must be at most 60s") }
                // Promise 1: alarms are sealed and committed at once, never held in memory.
                guard lane != .alarm || latency == .zero else { throw latencyValue.error("'\(latencyValue.path)' must be 0: alarms are committed at once") }
                policy.maxLatency = latency
            }
            if let bytesValue = laneMap["maxBytes"] {
                let bytes = try bytesValue.byteSize()
                guard (1024...(8 * 1024 * 1024)).contains(bytes) else {
                    throw bytesValue.error("'\(bytesValue.path)' must be between 1KiB and 8MiB")
                }
                policy.maxBytes = Int(bytes)
            }
            lanes[lane] = policy
        }
        return lanes
    }

    private static func parseDevice(_ value: YAMLValue, catalog: ProfileCatalog) throws(ConfigError) -> (DeviceConfig, YAMLValue, DeviceProfile) {
        let map = try value.mapping(allowed: ["id", "profile", "port", "topic", "patient", "bed"])
        let idValue = try map.required("id")
        let id = try idValue.identifier()
        let profileValue = try map.required("profile")
        let profileName = try profileValue.nonEmptyString()
        guard let profile = catalog.profiles[profileName] else {
            let known = catalog.profiles.keys.sorted().joined(separator: ", ")
            let broken = catalog.errors.isEmpty ? "" : "; profile files that failed to load:\n" + catalog.errors.map(\.description).joined(separator: "\n")
            throw profileValue.error("device '\(id)' names unknown profile '\(profileName)' (known: \(known.isEmpty ? "none" : known))\(broken)")
        }
        let topic = try map["topic"]?.topicFilter()
        let port = try map["port"]?.nonEmptyString()
        switch profile.transport {
        case .mqtt, .bleBridge:
            guard topic != nil else { throw value.error("device '\(id)' uses \(profile.transport.rawValue) profile '\(profileName)' and needs a 'topic'") }
        case .serial:
            guard port != nil else { throw value.error("device '\(id)' uses serial profile '\(profileName)' and needs a 'port'") }
        }
        let info = DeviceInfo(id: id, profile: profileName, patient: try map["patient"]?.nonEmptyString(), bed: try map["bed"]?.string())
        return (DeviceConfig(info: info, topic: topic, port: port), idValue, profile)
    }
}
