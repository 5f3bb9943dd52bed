import Foundation

/// A throw-away certificate authority with server and client certificates, made with the openssl CLI.
public struct TestPKI: Sendable {
    public let dir: String
    public let caCert: String
    public let caKey: String
    public let serverCert: String
    public let serverKey: String
    public let clientCert: String
    public let clientKey: String

    static let openssl = "/usr/bin/openssl"

    /// Creates CA, server certificate (SANs from `serverNames`: IP literals become IP:, others DNS:) and a client
    /// certificate, all in `dir`.
    public static func make(in dir: String, serverNames: [String] = ["127.0.0.1", "localhost"]) throws -> TestPKI {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (caCert, caKey) = try makeCA(in: dir, name: "ca", commonName: "VitalGate Test CA")
        let pki = TestPKI(
            dir: dir, caCert: caCert, caKey: caKey,
            serverCert: "\(dir)/server.crt", serverKey: "\(dir)/server.key",
            clientCert: "\(dir)/client.crt", clientKey: "\(dir)/client.key")
        try pki.issue(
            name: "server", commonName: serverNames.first ?? "server",
            extensions: serverExtensions(names: serverNames))
        try pki.issue(name: "client", commonName: "vitalgate-test-client", extensions: clientExtensions)
        return pki
    }

    /// A second, unrelated CA: trusting it instead of ours must make verification fail.
    public func makeOtherCA() throws -> (cert: String, key: String) {
        try Self.makeCA(in: dir, name: "other-ca", commonName: "Unrelated Test CA")
    }

    /// Another server certificate from our CA, valid only for `names` (for host-name mismatch tests); its subject's CN
    /// is `commonName`, or the first name.
    public func makeServerCert(names: [String], commonName: String? = nil, fileStem: String = "server-alt") throws -> (cert: String, key: String) {
        try issue(name: fileStem, commonName: commonName ?? names.first ?? fileStem, extensions: Self.serverExtensions(names: names))
        return ("\(dir)/\(fileStem).crt", "\(dir)/\(fileStem).key")
    }

    /// Another client certificate from our CA, e.g. to rotate a gateway's identity in place.
    public func makeClientCert(fileStem: String) throws -> (cert: String, key: String) {
        try issue(name: fileStem, commonName: "vitalgate-\(fileStem)", extensions: Self.clientExtensions)
        return ("\(dir)/\(fileStem).crt", "\(dir)/\(fileStem).key")
    }

    /// A server certificate for 127.0.0.1/localhost from our CA whose validity ended in 2020.
    public func makeExpiredServerCert() throws -> (cert: String, key: String) {
        // `openssl x509 -days` cannot go negative, but `openssl ca` accepts explicit dates; it needs a tiny database.
        let work = "\(dir)/expired-ca"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try "".write(toFile: "\(work)/index.txt", atomically: true, encoding: .utf8)
        let config = """
            [ca]
            default_ca = test
            [test]
            database = \(work)/index.txt
            new_certs_dir = \(work)
            serial = \(work)/serial
            default_md = sha256
            policy = anything
            unique_subject = no
            copy_extensions = none
            [anything]
            commonName = supplied
            [ext]
            \(Self.serverExtensions(names: ["127.0.0.1", "localhost"]))
            """
        try config.write(toFile: "\(work)/ca.cnf", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: "\(work)/serial", atomically: true, encoding: .utf8)
        let key = "\(dir)/server-expired.key"
        let cert = "\(dir)/server-expired.crt"
        try Self.makeKey(key)
        try ChildProcess.run(
            Self.openssl, ["req", "-new", "-key", key, "-subj", "/CN=127.0.0.1", "-out", "\(work)/req.csr"])
        try ChildProcess.run(
            Self.openssl,
            [
                "ca", "-batch", "-config", "\(work)/ca.cnf", "-cert", caCert, "-keyfile", caKey,
                "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-extensions", "ext",
                "-notext", "-in", "\(work)/req.csr", "-out", cert,
            ])
        return (cert, key)
    }

    // MARK: openssl plumbing

    private static func makeKey(_ path: String) throws {
        // P-256 keys take milliseconds where RSA takes noticeable CPU on a 2-core machine.
        try ChildProcess.run(
            openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path])
    }

    private static func makeCA(in dir: String, name: String, commonName: String) throws -> (cert: String, key: String) {
        let key = "\(dir)/\(name).key"
        let cert = "\(dir)/\(name).crt"
        let config = "\(dir)/\(name).cnf"
        try """
            [req]
            distinguished_name = dn
            [dn]
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try makeKey(key)
        try ChildProcess.run(
            openssl,
            [
                "req", "-x509", "-new", "-key", key, "-config", config, "-extensions", "v3_ca",
                "-subj", "/CN=\(commonName)", "-days", "3650", "-out", cert,
            ])
        return (cert, key)
    }

    private func issue(name: String, commonName: String, extensions: String) throws {
        let key = "\(dir)/\(name).key"
        let csr = "\(dir)/\(name).csr"
        let extFile = "\(dir)/\(name).ext"
        try Self.makeKey(key)
        try ChildProcess.run(Self.openssl, ["req", "-new", "-key", key, "-subj", "/CN=\(commonName)", "-out", csr])
        try extensions.write(toFile: extFile, atomically: true, encoding: .utf8)
        try ChildProcess.run(
            Self.openssl,
            [
                "x509", "-req", "-in", csr, "-CA", caCert, "-CAkey", caKey, "-set_serial", "\(Self.randomSerial())",
                "-days", "825", "-sha256", "-extfile", extFile, "-out", "\(dir)/\(name).crt",
            ])
    }

    private static func randomSerial() -> UInt64 { UInt64.random(in: 1...(1 << 62)) }

    private static func serverExtensions(names: [String]) -> String {
        let sans = names.map { isIPAddress($0) ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
        return """
            basicConstraints = CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = \(sans)
            """
    }

    private static let clientExtensions = """
        basicConstraints = CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = clientAuth
        """

    private static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
