import Logging

/// Everything one MQTTClient needs to open its single connection.
public struct MQTTClientOptions: Sendable {
    public var endpoint: MQTTEndpoint
    public var clientID: String
    /// True discards any session the broker kept for `clientID`; false resumes it.
    public var cleanStart: Bool
    /// How long the broker keeps the session after we disconnect (0 = ends with the connection).
    public var sessionExpirySeconds: UInt32
    public var keepAliveSeconds: Int32
    /// Required exactly when `endpoint.useTLS`.
    public var tls: MQTTTLSOptions?
    /// Most QoS>0 publishes in flight before libmosquitto queues the rest locally.
    public var sendMaximum: Int
    /// Most QoS>0 messages the broker may have in flight towards us.
    public var receiveMaximum: Int
    /// Most received messages waiting in `MQTTClient.events`; when full, libmosquitto's thread waits before
    /// acknowledging more. nil: unbounded.
    public var receiveBufferLimit: Int?
    /// Sends every packet at once (TCP_NODELAY). Without it a small packet (an alarm batch, a PUBACK) written
    /// behind a large one waits for the peer's delayed ACK, up to 40 ms on Linux.
    public var noDelay: Bool
    /// Upper bound on waiting for the CONNACK once the socket is open (covers a stalled TLS handshake).
    public var connectTimeout: Duration
    /// Receives libmosquitto's own log lines at debug level; nil keeps them out of the log.
    public var logger: Logger?

    public init(
        endpoint: MQTTEndpoint, clientID: String, cleanStart: Bool, sessionExpirySeconds: UInt32,
        keepAliveSeconds: Int32 = 30, tls: MQTTTLSOptions? = nil, sendMaximum: Int = 32,
        receiveMaximum: Int = 1000, receiveBufferLimit: Int? = nil, noDelay: Bool = false, connectTimeout: Duration = .seconds(10),
        logger: Logger? = nil
    ) {
        self.noDelay = noDelay
        self.receiveBufferLimit = receiveBufferLimit
        self.endpoint = endpoint
        self.clientID = clientID
        self.cleanStart = cleanStart
        self.sessionExpirySeconds = sessionExpirySeconds
        self.keepAliveSeconds = keepAliveSeconds
        self.tls = tls
        self.sendMaximum = sendMaximum
        self.receiveMaximum = receiveMaximum
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// Rejects combinations libmosquitto would refuse later with a vaguer message (or silently accept).
    func validate() throws {
        guard !clientID.isEmpty else { throw MQTTError("MQTT client id must not be empty") }
        if endpoint.useTLS, tls == nil {
            throw MQTTError("\(endpoint) needs TLS options (at least a CA file)")
        }
        if !endpoint.useTLS, tls != nil {
            throw MQTTError("TLS options were given but \(endpoint) is a plain mqtt:// endpoint; use mqtts://")
        }
        guard (1...65535).contains(sendMaximum), (1...65535).contains(receiveMaximum) else {
            throw MQTTError("MQTT send/receive maximum must be 1...65535")
        }
        if let receiveBufferLimit, receiveBufferLimit < 1 {
            throw MQTTError("the receive buffer must hold at least one message, not \(receiveBufferLimit)")
        }
        guard (5...65535).contains(keepAliveSeconds) else {
            throw MQTTError("MQTT keep-alive must be 5...65535 seconds")
        }
        if let tls {
            guard tls.certFile == nil || tls.keyFile != nil, tls.keyFile == nil || tls.certFile != nil else {
                throw MQTTError("TLS client certificate and key must be given together")
            }
            guard ["tlsv1.2", "tlsv1.3"].contains(tls.minimumVersion) else {
                throw MQTTError("TLS minimum version must be tlsv1.2 or tlsv1.3, not \"\(tls.minimumVersion)\"")
            }
        }
    }
}
