import CMosquitto
import Foundation

extension MQTTClient {
    /// libmosquitto's result code and the errno that goes with it.
    struct ConnectOutcome: Sendable {
        var code: Int32
        var errno: Int32
    }

    /// Protocol, flow control, threading and TLS, all before the first byte goes out.
    static func configure(_ raw: OpaquePointer, _ options: MQTTClientOptions, tls: TLSContext?) throws {
        func check(_ rc: Int32, _ what: String) throws {
            guard rc == MosquittoLibrary.success else {
                throw MQTTError("cannot \(what): \(MosquittoLibrary.errorText(rc))")
            }
        }
        try check(mosquitto_int_option(raw, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5), "select MQTT v5")
        try check(mosquitto_int_option(raw, MOSQ_OPT_SEND_MAXIMUM, Int32(options.sendMaximum)), "set send maximum")
        try check(
            mosquitto_int_option(raw, MOSQ_OPT_RECEIVE_MAXIMUM, Int32(options.receiveMaximum)), "set receive maximum")
        if options.noDelay { try check(mosquitto_int_option(raw, MOSQ_OPT_TCP_NODELAY, 1), "disable Nagle's algorithm") }
        // Our NetworkLoop thread runs the I/O while other threads publish; libmosquitto must lock and hand
        // outgoing packets to that thread instead of writing from the caller.
        try check(mosquitto_threaded_set(raw, true), "enable thread-safe mode")
        if let tls {
            // Without its defaults libmosquitto uses our context as it is: its own set-up of a user context skips
            // the initialisation its verify callback depends on (libmosquitto 2.0).
            try check(mosquitto_void_option(raw, MOSQ_OPT_SSL_CTX, UnsafeMutableRawPointer(tls.raw)), "use the TLS context")
            try check(mosquitto_int_option(raw, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0), "keep the TLS context as built")
        }
    }

    /// Runs libmosquitto's blocking connect (DNS, TCP, and often the TLS handshake; the rest of the handshake and
    /// the CONNACK follow on the network thread) on a thread of its own so it never occupies the cooperative pool.
    static func startConnect(
        _ handle: MosquittoHandle, _ options: MQTTClientOptions, completion: @escaping @Sendable (ConnectOutcome) -> Void
    ) {
        let host = options.endpoint.host
        let port = Int32(options.endpoint.port)
        let keepAlive = options.keepAliveSeconds
        let sessionExpiry = options.sessionExpirySeconds
        let thread = Thread {
            var properties: OpaquePointer?
            defer { mosquitto_property_free_all(&properties) }
            let added = mosquitto_property_add_int32(
                &properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), sessionExpiry)
            guard added == MosquittoLibrary.success else {
                completion(ConnectOutcome(code: added, errno: 0))
                return
            }
            let code = mosquitto_connect_bind_v5(handle.raw, host, port, keepAlive, nil, properties)
            completion(ConnectOutcome(code: code, errno: MosquittoLibrary.currentErrno))
        }
        thread.name = "mqtt-connect"
        thread.start()
    }
}
