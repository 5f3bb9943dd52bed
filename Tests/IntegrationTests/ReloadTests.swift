import Foundation
import LocalLab
import Testing

/// A running gateway takes a new device list on SIGHUP or `vitalgate reload`, keeps its queue, and
/// keeps the old configuration when the new one is broken.
@Suite(.serialized) struct ReloadTests {
    static func device(_ id: String) -> String { "  - { id: \(id), profile: senml-vitals, topic: sensors/\(id)/#, patient: p-\(id) }" }

    static func reading(_ device: String, index: Int) -> (topic: String, payload: String) {
        let timeMs = SenMLTraffic.baseMs + Int64(index) * 10
        return ("sensors/\(device)/vitals", SenMLTraffic.pack(device: device, timeMs: timeMs, records: [("hr", "beat/min", Double(60 + index % 50))]))
    }

    @Test func sighupSwapsDevicesWithoutLosingOrResendingQueuedBatches() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 2))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish((0..<40).map { Self.reading("dev\($0 % 2)", index: $0) })
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 40 })

        // Upstream down: what arrives now waits in the gateway's queue across the reload.
        lab.upstream.stop()
        try await lab.publish((40..<80).map { Self.reading("dev\($0 % 2)", index: $0) })
        #expect(await eventually(timeout: .seconds(20)) { ((try? lab.queueFigures().rows[2]) ?? 0) > 0 }, "readings are queued")

        let socket = lab.dir.file("api.sock")
        let queued = try ChildProcess.capture(GatewayLab.binary, ["queue", "--json", "--socket", socket])
        let queue = try JSONSerialization.jsonObject(with: Data(queued.output.utf8)) as? [String: Any]
        #expect((queue?["batches"] as? Int ?? 0) > 0, "status shows the queue growing while upstream is down: \(queued.output)")
        try lab.writeGatewayConfig(devices: [Self.device("dev0"), Self.device("dev2")])
        lab.gateway?.signal(SIGHUP)
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("reloaded: 2 device(s)") }, "\(lab.gatewayLogText().suffix(2000))")
        #expect(lab.gateway?.isRunning == true, "SIGHUP does not stop the daemon")
        try await Task.sleep(for: .seconds(1))
        try await lab.publish((80..<120).map { Self.reading($0 % 2 == 0 ? "dev2" : "dev1", index: $0) })

        try await lab.restartUpstreamReceiverFirst()
        let delivered = await eventually(timeout: .seconds(30)) { Set(lab.observations().map(\.device)).contains("dev2") && lab.observations().count >= 100 }
        let observations = lab.observations()
        #expect(delivered, "\(observations.count) observations")
        #expect(observations.filter { $0.device == "dev0" || $0.device == "dev1" }.count == 80, "everything queued before the reload arrives")
        #expect(observations.filter { $0.device == "dev2" }.count == 20, "the added device is read")
        #expect(observations.count == 100, "the removed device is no longer read, nothing twice")

        #expect(await eventually(timeout: .seconds(20)) {
            let drained = try? ChildProcess.capture(GatewayLab.binary, ["queue", "--json", "--socket", socket])
            return (try? JSONSerialization.jsonObject(with: Data((drained?.output ?? "").utf8)) as? [String: Any])?["batches"] as? Int == 0
        }, "and drained after")
        _ = lab.stopGateway()
        lab.stopAll()
        #expect(lab.receiverLogText().contains("duplicates 0"), "no queued batch was sent twice: \(lab.receiverLogText().suffix(500))")
    }

    @Test func aBrokenConfigIsRefusedAndTheRunningOneStays() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try "gateway: { id: lab-gw, site: lab-site }\nstore: [not, a, mapping]\n".write(toFile: lab.gatewayConfig, atomically: true, encoding: .utf8)
        lab.gateway?.signal(SIGHUP)
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("reload refused") })
        #expect(lab.gatewayLogText().contains("gateway.yaml:2:"), "the log says where: \(lab.gatewayLogText().suffix(1500))")
        let socket = lab.dir.file("api.sock")
        let reload = try ChildProcess.capture(GatewayLab.binary, ["reload", "--socket", socket])
        #expect(reload.status == 2, "a refused reload exits 2: \(reload.output)")
        #expect(reload.output.contains("gateway.yaml:2:"), "the errors say where: \(reload.output)")
        try await lab.publish(SenMLTraffic.heartRates(count: 20, devices: 1).messages)
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 20 }, "the old configuration runs on")
    }

    @Test func mutatingCallsAreRefusedToOtherUsers() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startGatewayAndWait(upstream: false)
        let socket = lab.dir.file("api.sock")
        // The API sets the socket's mode (then logs this) once it listens, which may come after the subscription.
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("control API listening") })
        // Open the path and the socket to everyone, so the peer-credential check itself is what refuses.
        chmod(lab.dir.path, 0o755)
        chmod(socket, 0o666)
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        let refused = try ChildProcess.capture("/usr/bin/setpriv", nobody + [GatewayLab.binary, "reload", "--socket", socket])
        #expect(refused.status == 1 && refused.output.contains("refused"), "\(refused.output)")
        let flush = try ChildProcess.capture("/usr/bin/setpriv", nobody + [GatewayLab.binary, "flush", "--socket", socket])
        #expect(flush.status == 1 && flush.output.contains("refused"), "\(flush.output)")
        let read = try ChildProcess.capture("/usr/bin/setpriv", nobody + [GatewayLab.binary, "status", "--json", "--socket", socket])
        #expect(read.status == 0, "reading stays open to whoever can reach the socket: \(read.output)")
        #expect(lab.gatewayLogText().contains("refused reload from uid 65534"))

        let allowed = try ChildProcess.capture(GatewayLab.binary, ["reload", "--socket", socket])
        #expect(allowed.status == 0 && allowed.output.contains("reloaded"), "root may reload: \(allowed.output)")
    }

    @Test func aCertificateRotatedInPlaceIsPickedUpWithoutARestart() async throws {
        var options = GatewayLab.Options(devices: 1)
        options.upstreamSettings = ["alarmConnection: true"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish((0..<10).map { Self.reading("dev0", index: $0) })
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 10 })

        let rotated = try lab.pki.makeClientCert(fileStem: "client-rotated")
        for (from, to) in [(rotated.cert, lab.pki.clientCert), (rotated.key, lab.pki.clientKey)] {
            _ = rename(from, to)
        }
        chmod(lab.pki.clientKey, 0o600)
        let pid = lab.gateway?.pid ?? 0
        let reload = try ChildProcess.capture(GatewayLab.binary, ["reload", "--socket", lab.dir.file("api.sock")])
        #expect(reload.status == 0 && reload.output.contains("TLS files changed: reconnecting"), "\(reload.output)")
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().components(separatedBy: "upstream connected").count >= 3 }, "reconnected")
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().components(separatedBy: "upstream alarm connection connected").count >= 3 }, "the alarm connection too")
        try await lab.publish((10..<20).map { Self.reading("dev0", index: $0) })
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 20 }, "data flows with the new certificate")
        #expect(lab.gateway?.pid == pid && lab.gateway?.isRunning == true, "no restart")
    }
}
