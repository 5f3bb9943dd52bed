/// TLS settings for an mqtts:// connection; paths are PEM files.
public struct MQTTTLSOptions: Sendable, Hashable {
    /// CA bundle that must have signed the broker's certificate.
    public var caFile: String
    /// Client certificate and key for mutual TLS; both or neither.
    public var certFile: String?
    public var keyFile: String?
    /// Lowest protocol version accepted ("tlsv1.2" or "tlsv1.3"); libmosquitto treats it as a floor.
    public var minimumVersion: String
    /// False skips only the host-name check (mosquitto's "insecure"); the chain is still verified against `caFile`.
    public var verifyServer: Bool

    public init(
        caFile: String, certFile: String? = nil, keyFile: String? = nil,
        minimumVersion: String = "tlsv1.2", verifyServer: Bool = true
    ) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.minimumVersion = minimumVersion
        self.verifyServer = verifyServer
    }
}
