import COpenSSL
import Foundation
import Synchronization

/// The OpenSSL client context of one MQTT connection: version floor, CA, host-name check and our certificate.
///
/// We build it rather than letting libmosquitto do so for two checks libmosquitto lacks: it records why a
/// certificate failed verification (libmosquitto logs only "certificate verify failed"), and with mutual TLS
/// configured it refuses a server that never asks for our certificate: such a server accepts anyone, so it is not
/// the platform we were set up for, however valid its own certificate.
final class TLSContext: @unchecked Sendable {  // `raw` is immutable after init; the flags are atomics
    /// The SSL_CTX handed to libmosquitto, which takes a reference of its own.
    let raw: OpaquePointer
    private let mutualTLS: Bool
    private let state: CallbackState
    private let certificateRequested = Atomic<Bool>(false)
    private let verificationFailed = Atomic<Bool>(false)
    private let refused = Atomic<Bool>(false)

    static let unrequestedCertificateText = "the server did not ask for a client certificate although mutual TLS "
        + "is configured; refused before anything was sent"

    /// `host` is what the server's certificate must name, unless `options.verifyServer` is false. The owner keeps
    /// the context alive while libmosquitto may use it: OpenSSL's callbacks find it through an unretained pointer.
    init(_ options: MQTTTLSOptions, host: String, state: CallbackState) throws {
        // OpenSSL answers an unreadable file with a bare "system lib"; name the file instead.
        for (role, path) in [("CA", options.caFile), ("client certificate", options.certFile), ("client key", options.keyFile)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) {
                throw MQTTError("TLS \(role) file \"\(path)\" does not exist or is not readable")
            }
        }
        guard let method = TLS_client_method(), let raw = SSL_CTX_new(method) else {
            throw MQTTError("cannot create a TLS context: \(Self.drainErrors())")
        }
        self.raw = raw
        self.mutualTLS = options.certFile != nil
        self.state = state
        try configure(options, host: host)  // deinit frees `raw` if this throws
        installCallbacks()
    }

    deinit {
        SSL_CTX_free(raw)
    }

    private func configure(_ options: MQTTTLSOptions, host: String) throws {
        let floor = options.minimumVersion == "tlsv1.3" ? TLS1_3_VERSION : TLS1_2_VERSION
        try check(Int32(vitalgate_SSL_CTX_set_min_proto_version(raw, floor)), "set the TLS version floor")
        try check(SSL_CTX_load_verify_file(raw, options.caFile), "load the CA file \"\(options.caFile)\"")
        if options.verifyServer {
            let parameters = SSL_CTX_get0_param(raw)
            // An address literal must match an IP entry of the certificate, a name a DNS entry.
            if X509_VERIFY_PARAM_set1_ip_asc(parameters, host) != 1 {
                // No partial wildcards ("a*.example.org"), as libmosquitto's own check refused them, and never the
                // subject's CN: a certificate with only IP entries would otherwise vouch for the name in its CN.
                X509_VERIFY_PARAM_set_hostflags(
                    parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
                try check(X509_VERIFY_PARAM_set1_host(parameters, host, 0), "expect the host name \"\(host)\"")
            }
        }
        if let certFile = options.certFile, let keyFile = options.keyFile {
            try check(SSL_CTX_use_certificate_chain_file(raw, certFile), "load the client certificate \"\(certFile)\"")
            try check(SSL_CTX_use_PrivateKey_file(raw, keyFile, SSL_FILETYPE_PEM), "load the client key \"\(keyFile)\"")
            try check(SSL_CTX_check_private_key(raw), "pair the client key with its certificate")
        }
    }

    private func check(_ result: Int32, _ what: String) throws {
        guard result == 1 else { throw MQTTError("cannot \(what): \(Self.drainErrors())") }
    }

    private static func drainErrors() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            reasons.append(withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
                ERR_error_string_n(code, buffer.baseAddress, buffer.count)
                return String(cString: buffer.baseAddress!)
            })
        }
        return reasons.isEmpty ? "unknown OpenSSL error" : reasons.joined(separator: "; ")
    }
}

extension TLSContext {
    /// The context behind an SSL_CTX of ours, kept in its application-data slot.
    fileprivate static func owner(of context: OpaquePointer?) -> TLSContext? {
        SSL_CTX_get_ex_data(context, 0).map { Unmanaged<TLSContext>.fromOpaque($0).takeUnretainedValue() }
    }

    private func installCallbacks() {
        _ = SSL_CTX_set_ex_data(raw, 0, Unmanaged.passUnretained(self).toOpaque())
        SSL_CTX_set_verify(raw, SSL_VERIFY_PEER) { preverified, store in
            guard preverified == 0, let store,
                let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
                let context = TLSContext.owner(of: SSL_get_SSL_CTX(OpaquePointer(ssl)))
            else { return preverified }
            context.verificationFailed(code: X509_STORE_CTX_get_error(store))
            return 0
        }
        guard mutualTLS else { return }
        SSL_CTX_set_msg_callback(raw) { writing, _, contentType, buffer, length, ssl, _ in
            guard writing == 0, contentType == SSL3_RT_HANDSHAKE, length > 0, let buffer, let ssl,
                let context = TLSContext.owner(of: SSL_get_SSL_CTX(ssl))
            else { return }
            context.received(handshakeType: Int32(buffer.load(as: UInt8.self)), ssl: ssl)
        }
    }

    private func verificationFailed(code: Int32) {
        guard !verificationFailed.exchange(true, ordering: .relaxed) else { return }
        let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
        state.recordProblem("certificate verification: \(reason)")
    }

    private func received(handshakeType: Int32, ssl: OpaquePointer) {
        if handshakeType == SSL3_MT_CERTIFICATE_REQUEST {
            certificateRequested.store(true, ordering: .relaxed)
            return
        }
        // ServerHelloDone (TLS 1.2) and the server's Finished (TLS 1.3, or a resumed 1.2 session) end the server's
        // flight: a request would have come before them. Shutting the socket down here fails the handshake before
        // our Finished, let alone a CONNECT, goes out.
        guard handshakeType == SSL3_MT_SERVER_DONE || handshakeType == SSL3_MT_FINISHED,
            !certificateRequested.load(ordering: .relaxed), !refused.exchange(true, ordering: .relaxed)
        else { return }
        _ = shutdown(SSL_get_fd(ssl), Int32(SHUT_RDWR))
        state.refuseHandshake(Self.unrequestedCertificateText)
    }
}
