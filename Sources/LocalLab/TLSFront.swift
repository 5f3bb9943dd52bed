import Foundation

/// A TLS server made by socat in front of a plain broker, pinned to exactly one TLS version.
///
/// mosquitto's `tls_version` is only a floor (a "tlsv1.2" listener still negotiates 1.3), so a platform that speaks
/// only TLS 1.2, or only 1.1, has to be made this way. socat serves one connection and exits: a second client needs
/// a second front.
public final class TLSFront: Sendable {
    public let port: Int
    private let child: ChildProcess

    /// The URL a client connects to.
    public var url: String { "mqtts://127.0.0.1:\(port)" }

    /// Starts socat on a free loopback port, forwarding to `brokerPort`; returns once it listens. `version` is
    /// socat's name for it ("TLS1.1", "TLS1.2", "TLS1.3"); with `requestClientCertificate` the client must show a
    /// certificate `caFile` signed. socat's log goes to `socat-PORT.log` in `logDirectory`.
    public init(
        forwardingTo brokerPort: Int, certFile: String, keyFile: String, caFile: String, version: String,
        requestClientCertificate: Bool, logDirectory: String
    ) throws {
        var options = [
            "bind=127.0.0.1", "reuseaddr", "cert=\(certFile)", "key=\(keyFile)", "cafile=\(caFile)",
            "verify=\(requestClientCertificate ? 1 : 0)", "openssl-min-proto-version=\(version)", "openssl-max-proto-version=\(version)",
        ]
        // OpenSSL 3's default security level refuses TLS below 1.2 outright; this server is meant to offer it.
        if version < "TLS1.2" { options.append("cipher=DEFAULT:@SECLEVEL=0") }
        (port, child) = try Self.launch(options, to: brokerPort, logDirectory: logDirectory)
    }

    /// A port FreePort picked can be taken before socat binds it, as for TestBroker: pick again then.
    private static func launch(_ options: [String], to brokerPort: Int, logDirectory: String) throws -> (Int, ChildProcess) {
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = FreePort.next()
            do {
                return (port, try launch(["OPENSSL-LISTEN:\(port)"] + options, to: brokerPort, logPath: "\(logDirectory)/socat-\(port).log"))
            } catch {
                lastError = error
            }
        }
        throw lastError ?? SupportError("socat did not start")
    }

    private static func launch(_ listen: [String], to brokerPort: Int, logPath: String) throws -> ChildProcess {
        // A fresh log: an old "listening on" line must not pass for this socat's.
        try "".write(toFile: logPath, atomically: false, encoding: .utf8)
        let child = try ChildProcess.spawn(
            "/usr/bin/socat", ["-d", "-d", listen.joined(separator: ","), "TCP:127.0.0.1:\(brokerPort)"],
            stdoutPath: logPath, stderrPath: logPath)
        // Not a test connection: socat would spend its one connection on it.
        let deadline = ContinuousClock.now + .seconds(10)
        while !((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("listening on") {
            guard child.isRunning, ContinuousClock.now < deadline else {
                child.terminate(grace: .seconds(1))
                throw SupportError("socat did not listen: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")")
            }
            usleep(10_000)
        }
        return child
    }

    deinit { stop() }

    /// Stops socat by its PID; idempotent.
    public func stop() {
        child.terminate(grace: .seconds(2))
    }
}
