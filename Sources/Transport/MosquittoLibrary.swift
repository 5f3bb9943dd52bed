import CMosquitto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libmosquitto set-up plus the small C conversions the wrapper shares.
enum MosquittoLibrary {
    // A static let runs its initialiser exactly once, thread-safely, on first use. We never call
    // mosquitto_lib_cleanup: a client may be alive on another thread until the process exits.
    private static let initResult: Int32 = {
        // OpenSSL writes to the socket with plain write(), so a broker that drops a TLS connection mid-write would
        // otherwise kill the whole process with SIGPIPE; the write error is handled as a disconnect instead.
        _ = signal(SIGPIPE, SIG_IGN)
        return mosquitto_lib_init()
    }()

    static func ensureInitialized() { _ = initResult }

    static let success = code(MOSQ_ERR_SUCCESS)

    static func code(_ error: mosq_err_t) -> Int32 { error.rawValue }

    /// libmosquitto's text for one of its own MOSQ_ERR_* codes.
    static func errorText(_ code: Int32) -> String { String(cString: mosquitto_strerror(code)) }

    /// The MQTT v5 reason code name, e.g. "Not authorized" for 0x87.
    static func reasonText(_ code: Int32) -> String { String(cString: mosquitto_reason_string(code)) }

    static func errnoText(_ code: Int32) -> String { String(cString: strerror(code)) }

    static var currentErrno: Int32 { errno }
}
