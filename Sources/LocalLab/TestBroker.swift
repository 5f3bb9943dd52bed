import Foundation

/// A real /usr/sbin/mosquitto on a loopback port, with persistence in its own directory so `restart()` keeps
/// sessions. Stop it in a `defer`; `deinit` stops it too as a safety net.
public final class TestBroker: @unchecked Sendable {  // `child` is guarded by `lock`
    /// Broker-side TLS material; clients must present a certificate signed by `caFile` unless
    /// `requireClientCertificate` is false (then the broker never asks for one).
    public struct TLS: Sendable {
        public var caFile: String
        public var certFile: String
        public var keyFile: String
        public var requireClientCertificate: Bool
        /// The lowest protocol version the broker accepts, "tlsv1.2" or "tlsv1.3" (mosquitto still negotiates 1.3 on a
        /// "tlsv1.2" listener; `TLSFront` serves exactly one version).
        public var version: String

        public init(
            caFile: String, certFile: String, keyFile: String, requireClientCertificate: Bool = true,
            version: String = "tlsv1.2"
        ) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
            self.requireClientCertificate = requireClientCertificate
            self.version = version
        }

        public init(pki: TestPKI) {
            self.init(caFile: pki.caCert, certFile: pki.serverCert, keyFile: pki.serverKey)
        }
    }

    public static let executable = "/usr/sbin/mosquitto"

    public let port: Int
    public let dir: String
    public let configPath: String
    public let logPath: String
    public let isTLS: Bool
    /// The address it listens on: loopback, or an address inside `namespace`.
    public let host: String
    /// A network namespace (made by the test) the broker runs in, reached through a veth pair.
    public let namespace: String?
    private let lock = NSLock()
    private var child: ChildProcess?

    /// The URL a client uses: mqtt://127.0.0.1:PORT or mqtts://127.0.0.1:PORT.
    public var url: String { "\(isTLS ? "mqtts" : "mqtt")://\(host):\(port)" }

    /// PID of the running broker process, or 0 when stopped.
    public var pid: Int32 { lock.withLock { child?.pid ?? 0 } }

    private init(port: Int, dir: String, configPath: String, logPath: String, isTLS: Bool, host: String, namespace: String?) {
        self.host = host
        self.namespace = namespace
        self.port = port
        self.dir = dir
        self.configPath = configPath
        self.logPath = logPath
        self.isTLS = isTLS
    }

    deinit {
        stop()
    }

    /// Writes a config into `dir` and starts mosquitto; returns once the port accepts connections.
    /// `extraConfig` lines are appended verbatim (e.g. `acl_file …`).
    public static func start(
        in dir: String, port: Int? = nil, tls: TLS? = nil, extraConfig: String = "", host: String = "127.0.0.1", namespace: String? = nil
    ) throws -> TestBroker {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // A port picked by FreePort can be taken by someone else before mosquitto binds it; pick again then.
        let attempts = port == nil ? 3 : 1
        var lastError: (any Error)?
        for _ in 0..<attempts {
            let chosen = port ?? FreePort.next()
            let broker = TestBroker(
                port: chosen, dir: dir, configPath: "\(dir)/mosquitto.conf", logPath: "\(dir)/mosquitto.log",
                isTLS: tls != nil, host: host, namespace: namespace)
            try config(port: chosen, host: host, dir: dir, tls: tls, extra: extraConfig)
                .write(toFile: broker.configPath, atomically: true, encoding: .utf8)
            do {
                try broker.launch(portWait: port == nil ? .zero : .seconds(10))
                return broker
            } catch {
                lastError = error
            }
        }
        throw lastError ?? SupportError("mosquitto did not start")
    }

    /// SIGTERM (mosquitto saves its persistence file on the way out), SIGKILL if it lingers; idempotent.
    public func stop() {
        let running = lock.withLock { () -> ChildProcess? in
            defer { child = nil }
            return child
        }
        running?.terminate(grace: .seconds(5))
    }

    /// Kills the broker without letting it save state, like a crash or power loss.
    public func kill() {
        let running = lock.withLock { () -> ChildProcess? in
            defer { child = nil }
            return child
        }
        running?.kill9()
    }

    /// Stops and starts again on the same port with the same config and persistence directory.
    public func restart() throws {
        stop()
        try launch()
    }

    /// The broker's log so far, for failure messages.
    public func logText() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Starts mosquitto on `port`, first waiting up to `portWait` for another holder to let the port go (a restart
    /// after an outage); a fresh start on a port FreePort picked waits for nothing and picks another one instead.
    private func launch(portWait: Duration = .seconds(10)) throws {
        try waitUntilPortIsFree(within: portWait)
        let logStart = logSize()
        let (executable, arguments) = namespace.map { ("/usr/sbin/ip", ["netns", "exec", $0, Self.executable, "-c", configPath]) }
            ?? (Self.executable, ["-c", configPath])
        let process = try ChildProcess.spawn(
            executable, arguments, stdoutPath: "\(dir)/mosquitto.stdout", stderrPath: "\(dir)/mosquitto.stderr")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        // Accepting alone could be another process's listener (ours then exits on "address in use"): ours is up once
        // it logged opening the port, the port accepts, and it still runs.
        while !(logText(from: logStart).contains("listen socket on port \(port).") && FreePort.isAccepting(port, host: host) && process.isRunning) {
            if !process.isRunning || clock.now >= deadline {
                process.terminate(grace: .seconds(2))
                let stderr = (try? String(contentsOfFile: "\(dir)/mosquitto.stderr", encoding: .utf8)) ?? ""
                throw SupportError(
                    "mosquitto did not accept connections on \(host):\(port): \(stderr) \(logText().suffix(2000))")
            }
            usleep(20_000)
        }
        lock.withLock { child = process }
    }

    private func waitUntilPortIsFree(within wait: Duration) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while FreePort.isAccepting(port, host: host) {
            if clock.now >= deadline { throw SupportError("\(host):\(port) is held by another process") }
            usleep(20_000)
        }
    }

    private func logSize() -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: logPath))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// The log from byte `offset` on: what this launch wrote, without rereading a long test's log.
    private func logText(from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func config(port: Int, host: String, dir: String, tls: TLS?, extra: String) -> String {
        var lines = [
            // As root mosquitto would switch to user "mosquitto", which cannot read our temp files.
            geteuid() == 0 ? "user root" : nil,
            "per_listener_settings false",
            "allow_anonymous true",
            "persistence true",
            "persistence_location \(dir)/",
            "persistence_file mosquitto.db",
            "log_dest file \(dir)/mosquitto.log",
            "log_type all",
            "log_timestamp_format %H:%M:%S",
            "listener \(port) \(host)",
        ].compactMap { $0 }
        if let tls {
            lines += [
                "cafile \(tls.caFile)",
                "certfile \(tls.certFile)",
                "keyfile \(tls.keyFile)",
                "require_certificate \(tls.requireClientCertificate)",
                "tls_version \(tls.version)",
            ]
        }
        return (lines + [extra, ""]).joined(separator: "\n")
    }
}
