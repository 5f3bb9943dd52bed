import Foundation
import GRDB
import LocalLab
import Transport
import Wire

/// A whole deployment on loopback for one test: PKI, keys, a plain sensor broker, a mutual-TLS
/// upstream broker, config files, and the gateway and receiver as real child processes.
final class GatewayLab: @unchecked Sendable {
    let dir: TempDirectory
    let pki: TestPKI
    let sensor: TestBroker
    let upstream: TestBroker
    let gatewayConfig: String
    let receiverConfig: String
    let options: Options
    private(set) var gateway: ChildProcess?
    private(set) var receiver: ChildProcess?
    private var gatewayRuns = 0

    struct Options {
        var devices = 4
        var storeMaxBytes = "64MiB"
        var vitalLatency = "300ms"
        var extraProfiles: [String: String] = [:]
        /// Shipped profiles (from DeviceProfiles/) to install besides senml-vitals.
        var shippedProfiles: [String] = []
        var extraDevices: [String] = []
        var upstreamCA: String?
        var upstreamTLS: TestBroker.TLS?
        /// Extra mosquitto.conf lines for the upstream broker (an `acl_file`, say).
        var upstreamConfig = ""
        /// `api.metrics`, e.g. `127.0.0.1:9464`.
        var metrics: String?
        /// The queue file, relative to the lab folder (a small filesystem mounted there, say).
        var storePath = "queue.sqlite"
        /// Puts the upstream broker inside this network namespace, on its address.
        var upstreamNamespace: NetworkNamespace?
        /// Extra lines for gateway.yaml's `upstream:` block (indented two spaces), e.g. `keepAlive: 4s`.
        var upstreamSettings: [String] = []
    }

    init(_ options: Options = Options()) throws {
        self.options = options
        dir = TempDirectory(prefix: "vitalgate-lab")
        pki = try TestPKI.make(in: dir.file("pki"), serverNames: ["127.0.0.1", "localhost"] + [options.upstreamNamespace?.address].compactMap { $0 })
        chmod(pki.clientKey, 0o600)
        _ = try KeyFile.generatePairs(into: dir.file("keys"))
        // mosquitto keeps only 1000 messages for an offline persistent client by default; a
        // sensor broker in front of a gateway must hold a restart's worth of readings.
        let queueing = "max_queued_messages 1000000\nmax_queued_bytes 0\n"
        sensor = try TestBroker.start(in: dir.file("sensor-broker"), extraConfig: queueing)
        upstream = try TestBroker.start(
            in: dir.file("upstream-broker"), tls: options.upstreamTLS ?? TestBroker.TLS(pki: pki), extraConfig: queueing + options.upstreamConfig,
            host: options.upstreamNamespace?.address ?? "127.0.0.1", namespace: options.upstreamNamespace?.name
        )
        try FileManager.default.createDirectory(atPath: dir.file("profiles"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repository + "/DeviceProfiles/senml-vitals.yaml", toPath: dir.file("profiles/senml-vitals.yaml"))
        for name in options.shippedProfiles {
            try FileManager.default.copyItem(atPath: Self.repository + "/DeviceProfiles/\(name).yaml", toPath: dir.file("profiles/\(name).yaml"))
        }
        for (name, text) in options.extraProfiles { try text.write(toFile: dir.file("profiles/\(name).yaml"), atomically: true, encoding: .utf8) }
        gatewayConfig = dir.file("gateway.yaml")
        receiverConfig = dir.file("receiver.yaml")
        let devices = (0..<options.devices).map { "  - { id: dev\($0), profile: senml-vitals, topic: sensors/dev\($0)/#, patient: p-\($0) }" } + options.extraDevices
        try writeGatewayConfig(devices: devices)
        try """
            upstream:
              url: \(upstream.url)
              tls: { ca: \(pki.caCert), cert: \(pki.clientCert), key: \(pki.clientKey) }
              clientId: lab-receiver
            keys: { privateKey: keys/platform.key, gateways: { lab-gw: keys/gateway.pub } }
            output: fhir
            state: receiver.sqlite

            """.write(toFile: receiverConfig, atomically: true, encoding: .utf8)
    }

    deinit { stopAll() }

    /// Writes gateway.yaml with these device lines (YAML flow mappings), e.g. before a reload.
    func writeGatewayConfig(devices: [String]) throws {
        let api = options.metrics.map { "{ socket: api.sock, metrics: \"\($0)\" }" } ?? "{ socket: api.sock }"
        try """
            gateway: { id: lab-gw, site: lab-site }
            profiles: [profiles]
            store: { path: \(options.storePath), maxBytes: \(options.storeMaxBytes), maxAge: 7d }
            upstream:
              url: \(upstream.url)
              tls: { ca: \(options.upstreamCA ?? pki.caCert), cert: \(pki.clientCert), key: \(pki.clientKey) }
              inflight: 16
            \(options.upstreamSettings.map { "  " + $0 }.joined(separator: "\n"))
            sealing: { recipientKey: keys/platform.pub, gatewayKey: keys/gateway.key }
            sensors: { url: \(sensor.url) }
            api: \(api)
            lanes:
              vital: { maxLatency: \(options.vitalLatency) }
              wave: { maxLatency: \(options.vitalLatency) }
            devices:\(devices.isEmpty ? " []" : "\n" + devices.joined(separator: "\n"))

            """.write(toFile: gatewayConfig, atomically: true, encoding: .utf8)
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The built `vitalgate` executable: `$VITALGATE_BIN`, or next to the test bundle.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["VITALGATE_BIN"] { return path }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("vitalgate").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return repository + "/.build/debug/vitalgate"
    }

    var gatewayLog: String { dir.file("gateway-\(gatewayRuns).log") }

    func startGateway(environment extra: [String: String] = [:]) throws {
        gatewayRuns += 1
        let environment = extra.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(extra) { $1 }
        gateway = try ChildProcess.spawn(Self.binary, ["run", "--config", gatewayConfig], environment: environment, stdoutPath: gatewayLog, stderrPath: gatewayLog)
    }

    func startReceiver() async throws {
        receiver = try ChildProcess.spawn(Self.binary, ["receive", "--config", receiverConfig], stdoutPath: dir.file("receiver.log"), stderrPath: dir.file("receiver.log"))
        let ready = await eventually(timeout: .seconds(20)) { self.receiverLogText().contains("receiver subscribed") }
        if !ready { throw SupportError("receiver did not subscribe:\n\(receiverLogText())") }
    }

    /// Starts the gateway and waits until its sensor subscription exists, so the broker keeps
    /// readings for it from then on (before the first subscription there is no session to hold them).
    func startGatewayAndWait(upstream expectConnected: Bool = true) async throws {
        let run = gatewayRuns + 1
        try startGateway()
        let log = dir.file("gateway-\(run).log")
        let ready = await eventually(timeout: .seconds(20)) {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return text.contains("subscribed to") && (!expectConnected || text.contains("upstream connected"))
        }
        if !ready { throw SupportError("gateway did not become ready:\n\(gatewayLogText())") }
    }

    /// Restarts the upstream broker with the gateway paused until the receiver has subscribed again.
    ///
    /// mosquitto 2.0 accepts (PUBACK 0) a message for a persistent session restored from its
    /// database but does not deliver it once that client reconnects; in a test that would look like
    /// the gateway losing data, so the receiver goes first.
    func restartUpstreamReceiverFirst() async throws {
        let subscriptions = receiverLogText().components(separatedBy: "receiver subscribed").count
        gateway?.signal(SIGSTOP)
        defer { gateway?.signal(SIGCONT) }
        try upstream.restart()
        // The receiver's back-off reaches 10 s between attempts in a long outage; allow one full wait.
        let back = await eventually(timeout: .seconds(30)) {
            self.receiverLogText().components(separatedBy: "receiver subscribed").count > subscriptions
        }
        if !back { throw SupportError("the receiver did not resubscribe:\n\(receiverLogText())") }
    }

    func receiverLogText() -> String { (try? String(contentsOfFile: dir.file("receiver.log"), encoding: .utf8)) ?? "" }

    func killGateway() {
        gateway?.kill9()
        _ = gateway?.waitForExit(timeout: .seconds(10))
        gateway = nil
    }

    func stopGateway() -> Int32? {
        gateway?.signal(SIGTERM)
        let status = gateway?.waitForExit(timeout: .seconds(20))
        gateway = nil
        return status
    }

    func stopAll() {
        for child in [gateway, receiver].compactMap({ $0 }) {
            child.signal(SIGTERM)
            if child.waitForExit(timeout: .seconds(10)) == nil { child.kill9() }
        }
        gateway = nil
        receiver = nil
        sensor.stop()
        upstream.stop()
    }

    func gatewayLogText() -> String { (0...gatewayRuns).map { (try? String(contentsOfFile: dir.file("gateway-\($0).log"), encoding: .utf8)) ?? "" }.joined() }

    // MARK: Publishing

    /// A publisher to the sensor broker (QoS 1); returns once every message is acknowledged.
    func publish(_ messages: [(topic: String, payload: String)]) async throws {
        let client = try MQTTClient(options: MQTTClientOptions(
            endpoint: try MQTTEndpoint.parse(sensor.url), clientID: "lab-publisher-\(UUID().uuidString.prefix(8))", cleanStart: true,
            sessionExpirySeconds: 0, sendMaximum: 500
        ))
        try await client.connect()
        defer { client.close() }
        for message in messages { _ = try client.publish(topic: message.topic, payload: Data(message.payload.utf8), qos: 1) }
        var acked = 0
        for await event in client.events {
            if case .published = event { acked += 1 }
            if acked == messages.count { break }
        }
    }

    // MARK: Reading results

    /// Every FHIR resource the receiver wrote, parsed.
    func resources() -> [[String: Any]] {
        let root = dir.file("fhir")
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [[String: Any]] = []
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".ndjson"), let text = try? String(contentsOfFile: "\(root)/\(path)", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { result.append(object) }
            }
        }
        return result
    }

    func observations() -> [Reading] { resources().compactMap(Reading.init) }

    /// Batches the receiver accepted, in arrival order, as (lane number, seq).
    func receivedBatches() throws -> [(lane: Int, seq: Int64)] {
        let path = dir.file("receiver.sqlite")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        // The gateway writes while tests look: wait for its lock rather than fail.
        configuration.busyMode = .timeout(5)
        let db = try DatabaseQueue(path: path, configuration: configuration)
        return try db.read { db in
            try Row.fetchAll(db, sql: "SELECT lane, seq FROM seen ORDER BY arrival").map { ($0["lane"], $0["seq"]) }
        }
    }

    /// Queue rows per lane and drop counters, read straight from the gateway's SQLite file.
    func queueFigures() throws -> (rows: [Int: Int], drops: [String: Int]) {
        var configuration = Configuration()
        configuration.readonly = true
        // The gateway writes while tests look: wait for its lock rather than fail.
        configuration.busyMode = .timeout(5)
        let db = try DatabaseQueue(path: dir.file(options.storePath), configuration: configuration)
        return try db.read { db in
            var rows: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lane, COUNT(*) AS n FROM batch GROUP BY lane") { rows[row["lane"]] = row["n"] }
            var drops: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lane, reason, count FROM drops") {
                let lane: Int = row["lane"]
                let reason: String = row["reason"]
                drops["\(lane)/\(reason)"] = row["count"]
            }
            return (rows, drops)
        }
    }
}

/// One FHIR Observation reduced to what the tests compare.
struct Reading: Hashable {
    var device: String
    var loinc: String?
    var mdc: String?
    var unit: String?
    var value: Double?
    var effective: String
    var patient: String?

    init?(_ resource: [String: Any]) {
        guard resource["resourceType"] as? String == "Observation",
            let device = (resource["device"] as? [String: Any])?["display"] as? String,
            let effective = resource["effectiveDateTime"] as? String,
            let codings = (resource["code"] as? [String: Any])?["coding"] as? [[String: Any]]
        else { return nil }
        self.device = device
        self.effective = effective
        loinc = codings.first { $0["system"] as? String == "http://loinc.org" }?["code"] as? String
        mdc = codings.first { $0["system"] as? String == "urn:iso:std:iso:11073:10101" }?["code"] as? String
        let quantity = resource["valueQuantity"] as? [String: Any]
        unit = quantity?["code"] as? String
        value = quantity?["value"] as? Double ?? (quantity?["value"] as? Int).map(Double.init)
        patient = ((resource["subject"] as? [String: Any])?["reference"] as? String)
    }
}
