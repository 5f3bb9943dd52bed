import Crypto
import Foundation

extension UpstreamSettings {
    /// Everything a connection depends on, TLS file contents included: a certificate rotated in place
    /// changes the fingerprint even though its path did not.
    func fingerprint() -> String {
        var hasher = SHA256()
        let fields = [
            url, endpoint.description, clientID, topicPrefix, String(insecure), String(inflight),
            "\(keepAlive)", "\(sessionExpiry)", tls.map { "\($0)" } ?? "plain",
        ]
        hasher.update(data: Data(fields.joined(separator: "\u{1F}").utf8))
        for path in [tls?.caFile, tls?.certFile, tls?.keyFile].compactMap({ $0 }) {
            hasher.update(data: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data("missing:\(path)".utf8))
        }
        return hasher.finalize().map { String($0, radix: 16) }.joined()
    }
}
