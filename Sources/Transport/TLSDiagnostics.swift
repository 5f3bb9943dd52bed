import CMosquitto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks OpenSSL why it rejected the broker's certificate; libmosquitto itself only logs "certificate verify failed".
/// Best effort: when the handshake fails inside the blocking connect, libmosquitto frees the TLS session first.
enum TLSDiagnostics {
    private typealias GetVerifyResult = @convention(c) (UnsafeMutableRawPointer?) -> Int
    private typealias VerifyErrorString = @convention(c) (Int) -> UnsafePointer<CChar>?

    private struct Functions: @unchecked Sendable {  // plain C function pointers, immutable after lookup
        let getVerifyResult: GetVerifyResult
        let verifyErrorString: VerifyErrorString
    }

    // Looked up at run time in the libssl that libmosquitto already loaded, so building needs no OpenSSL headers
    // and a missing symbol only costs us the detail.
    private static let functions: Functions? = {
        guard let process = dlopen(nil, RTLD_NOW),
            let getResult = dlsym(process, "SSL_get_verify_result"),
            let errorString = dlsym(process, "X509_verify_cert_error_string")
        else { return nil }
        return Functions(
            getVerifyResult: unsafeBitCast(getResult, to: GetVerifyResult.self),
            verifyErrorString: unsafeBitCast(errorString, to: VerifyErrorString.self))
    }()

    /// OpenSSL's verification verdict for the handshake of `handle`, e.g. "certificate has expired"; nil if the
    /// certificate passed or there is no TLS session. Call only while no other thread drives the handle.
    static func verificationFailure(of handle: MosquittoHandle) -> String? {
        guard let functions, let ssl = mosquitto_ssl_get(handle.raw) else { return nil }
        let verdict = functions.getVerifyResult(ssl)
        // 0 is X509_V_OK; 1 (unspecified) is what libmosquitto's own host-name check sets, and it logs that itself.
        guard verdict > 1, let text = functions.verifyErrorString(verdict) else { return nil }
        return String(cString: text)
    }
}
