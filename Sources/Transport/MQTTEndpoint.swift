/// Where the broker listens: host, port and whether the link uses TLS, as given by an mqtt:// or mqtts:// URL.
public struct MQTTEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP literal, without the brackets an IPv6 URL needs.
    public var host: String
    public var port: Int
    public var useTLS: Bool

    public init(host: String, port: Int, useTLS: Bool) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
    }

    /// The endpoint as a URL, e.g. `mqtts://[::1]:8883`.
    public var url: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(useTLS ? "mqtts" : "mqtt")://\(hostPart):\(port)"
    }

    public var description: String { url }

    /// Parses `mqtt://host[:port]` (default 1883) or `mqtts://host[:port]` (default 8883); IPv6 hosts go in brackets.
    public static func parse(_ url: String) throws -> MQTTEndpoint {
        func invalid(_ why: String) -> MQTTError {
            MQTTError("invalid broker URL \"\(url)\": \(why) (expected mqtt://host[:port] or mqtts://host[:port])")
        }
        guard let separator = url.range(of: "://") else { throw invalid("no scheme") }
        let useTLS: Bool
        switch url[..<separator.lowerBound].lowercased() {
        case "mqtt": useTLS = false
        case "mqtts": useTLS = true
        case let other: throw invalid("unsupported scheme \"\(other)\"")
        }
        var authority = url[separator.upperBound...]
        if authority.hasSuffix("/") { authority.removeLast() }
        // Credentials, paths and queries have no meaning for us; silently dropping them would hide a config mistake.
        if let bad = authority.first(where: { "/@?# ".contains($0) }) {
            throw invalid("unexpected \"\(bad)\"")
        }

        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed \"[\"") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty {
                portText = nil
            } else if rest.hasPrefix(":") {
                portText = rest.dropFirst()
            } else {
                throw invalid("unexpected text after \"]\"")
            }
            guard host.contains(":") else { throw invalid("brackets are only for IPv6 addresses") }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("IPv6 addresses must be written in brackets") }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        guard !host.isEmpty else { throw invalid("missing host") }

        var port = useTLS ? 8883 : 1883
        if let portText {
            guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(portText), (1...65535).contains(value)
            else { throw invalid("port must be 1...65535") }
            port = value
        }
        return MQTTEndpoint(host: String(host), port: port, useTLS: useTLS)
    }
}
