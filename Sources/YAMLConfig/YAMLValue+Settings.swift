import Foundation
import Transport

extension YAMLValue {
    /// An id that becomes an MQTT topic level and a file name: no wildcards, separators or spaces.
    public func identifier() throws(ConfigError) -> String {
        let text = try nonEmptyString()
        let forbidden = CharacterSet(charactersIn: "/+#\0 \t\n")
        guard text.rangeOfCharacter(from: forbidden) == nil else {
            throw error("'\(path)' must not contain '/', '+', '#' or spaces, found '\(text)'")
        }
        return text
    }

    /// A path to a file that must be readable now, resolved against the config file.
    public func readableFile(relativeTo configFile: String, what: String) throws(ConfigError) -> String {
        let resolved = ConfigPaths.resolve(try nonEmptyString(), relativeTo: configFile)
        try ConfigPaths.requireReadable(resolved, at: self, what: what)
        return resolved
    }

    /// An MQTT topic filter (MQTT 5 §4.7): `#` only as a whole last level, `+` only as a whole level.
    public func topicFilter() throws(ConfigError) -> String {
        let text = try nonEmptyString()
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            let wildcard = level.contains("#") || level.contains("+")
            let valid = !wildcard || level == "+" || (level == "#" && index == levels.count - 1)
            guard valid, !level.contains("\0") else {
                throw error("'\(path)' is not a valid MQTT topic filter: '\(text)' ('+' and '#' must fill a whole level, '#' only the last)")
            }
        }
        return text
    }

    /// A topic prefix for published topics: no wildcards, no empty levels, not a broker topic.
    public func topicPrefix() throws(ConfigError) -> String {
        let text = try nonEmptyString()
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.hasPrefix("$"), !text.contains("+"), !text.contains("#"), levels.allSatisfy({ !$0.isEmpty }) else {
            throw error("'\(path)' must be topic levels without wildcards or empty levels, such as vitalgate/v1; found '\(text)'")
        }
        return text
    }

    public func mqttEndpoint() throws(ConfigError) -> MQTTEndpoint {
        let url = try nonEmptyString()
        do { return try MQTTEndpoint.parse(url) } catch { throw self.error("\(error)") }
    }

    /// `{ ca, cert, key, minVersion }`: the CA that verifies the server, an optional client certificate, and the
    /// lowest TLS version accepted (tlsv1.2 unless a site requires tlsv1.3).
    /// A client key readable by others is refused, as ssh refuses such keys.
    public func tlsOptions(relativeTo configFile: String) throws(ConfigError) -> MQTTTLSOptions {
        let map = try mapping(allowed: ["ca", "cert", "key", "minVersion"])
        var options = MQTTTLSOptions(caFile: try map.required("ca").readableFile(relativeTo: configFile, what: "CA certificate"))
        if let floor = map["minVersion"] { options.minimumVersion = try floor.choice(["tlsv1.2", "tlsv1.3"]) }
        options.certFile = try map["cert"]?.readableFile(relativeTo: configFile, what: "client certificate")
        if let keyValue = map["key"] {
            let key = try keyValue.readableFile(relativeTo: configFile, what: "client key")
            if let mode = ConfigPaths.permissions(key), mode & 0o077 != 0 {
                throw keyValue.error("client key '\(key)' is accessible by others (mode \(String(mode, radix: 8))); run chmod 600")
            }
            options.keyFile = key
        }
        if (options.certFile == nil) != (options.keyFile == nil) {
            throw error("'\(path)' needs both 'cert' and 'key' for a client certificate")
        }
        return options
    }
}
