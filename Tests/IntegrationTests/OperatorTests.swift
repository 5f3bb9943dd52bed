import Foundation
import LocalLab
import Testing

/// The operator's view: the control API on its socket and `vitalgate status` reading it.
@Suite(.serialized) struct OperatorTests {
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try GatewayLab.run(arguments, environment: environment)
    }

    @Test func statusShowsUpstreamQueueDevicesAndActiveAlarms() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 2))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        let socket = lab.dir.file("api.sock")
        #expect(await eventually(timeout: .seconds(10)) {
            ((try? FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int) ?? 0) == 0o660
        }, "the control socket is owner and group only")
        try await lab.publish(SenMLTraffic.heartRates(count: 50, devices: 2).messages)
        let start = SenMLTraffic.baseMs + 500_000
        try await lab.publish((0...7).map { step in
            (topic: "sensors/dev1/vitals", payload: SenMLTraffic.pack(device: "dev1", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 84)]))
        })
        #expect(await eventually(timeout: .seconds(20)) { (try? run(["alarms", "--json", "--socket", socket]).output.contains("below-90")) == true })

        let json = try run(["status", "--json", "--socket", socket])
        #expect(json.status == 0, "\(json.output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["gatewayId"] as? String == "lab-gw")
        #expect((document["upstream"] as? [String: Any])?["connected"] as? Bool == true)
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(devices.map { $0["id"] as? String } == ["dev0", "dev1"])
        #expect(devices.allSatisfy { $0["state"] as? String == "ok" && ($0["samples"] as? Int ?? 0) > 0 })
        let alarms = try #require(document["alarms"] as? [[String: Any]])
        #expect(alarms.first?["priority"] as? String == "high" && alarms.first?["device"] as? String == "dev1")
        let queue = try #require(document["queue"] as? [String: Any])
        #expect(queue["lanes"] != nil && queue["dropped"] != nil)

        // A later alarm batch (the reading after the raise) may still await its PUBACK, so wait for the queue to empty.
        var screen = try run(["status", "--socket", socket])
        _ = await eventually(timeout: .seconds(10)) {
            screen = (try? run(["status", "--socket", socket])) ?? screen
            return screen.output.contains("alarm 0 (0 B)")
        }
        #expect(screen.status == 0)
        for text in ["lab-gw", "upstream", "connected", "queue", "alarm 0 (0 B)", "dev1", "HIGH", "below-90"] {
            #expect(screen.output.contains(text), "the screen shows \(text): \(screen.output)")
        }
        #expect(!screen.output.contains("\u{1B}["), "no colour into a pipe")
        #expect(!screen.output.contains("SQL"), "plain text, not a leaked SQL description")

        let health = try run(["queue", "--json", "--socket", socket])
        #expect(health.status == 0 && health.output.contains("\"maxBytes\""))
    }

    @Test func statusSaysInOneLineWhenTheDaemonIsNotThere() throws {
        let result = try run(["status", "--socket", "/tmp/vitalgate-no-such.sock"])
        #expect(result.status == 1)
        #expect(result.output.contains("/tmp/vitalgate-no-such.sock"), "\(result.output)")
        #expect(result.output.split(separator: "\n").count == 1, "one line: \(result.output)")
    }

    @Test func watchRefreshesTheScreen() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startGatewayAndWait(upstream: false)
        let out = lab.dir.file("watch.txt")
        let watcher = try ChildProcess.spawn(GatewayLab.binary, ["status", "--watch", "--socket", lab.dir.file("api.sock")], stdoutPath: out, stderrPath: out)
        defer { watcher.signal(SIGTERM); _ = watcher.waitForExit(timeout: .seconds(5)) }
        let screens = { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").components(separatedBy: "\u{1B}[H\u{1B}[2J").count - 1 }
        #expect(await eventually(timeout: .seconds(15)) { screens() >= 2 }, "the screen is redrawn: \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")")
        #expect(watcher.isRunning, "--watch keeps going until interrupted")
    }

    /// Promise: no measured value, patient id or key material in any log line at info or above.
    @Test func logsCarryNoPatientValuesOrKeyMaterial() async throws {
        var options = GatewayLab.Options(devices: 0)
        options.extraDevices = ["  - { id: bed7, profile: senml-vitals, topic: sensors/bed7/#, patient: PAT-7731 }"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        let start = SenMLTraffic.baseMs
        var messages = (0..<12).map { step in
            (topic: "sensors/bed7/vitals", payload: SenMLTraffic.pack(device: "bed7", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 83.71), ("hr", "beat/min", 131.37)]))
        }
        messages.append((topic: "sensors/bed7/vitals", payload: "[{\"bn\":\"urn:dev:lab:bed7:\",\"n\":\"spo2\",\"v\":\"97.13\"}"))
        try await lab.publish(messages)
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 20 })
        _ = lab.stopGateway()
        lab.stopAll()

        let logs = lab.gatewayLogText() + lab.receiverLogText()
        #expect(logs.contains("malformed payload"), "the bad message was logged: \(logs.suffix(1500))")
        #expect(logs.contains("upstream connected"))
        let secrets = ["83.71", "131.37", "97.13", "PAT-7731"] + (try keyMaterial(in: lab.dir.file("keys")))
        for secret in secrets {
            #expect(!logs.contains(secret), "a log line carries '\(secret)'")
        }
    }

    /// The base64 and hex forms of every key file, as they could appear in a careless log line.
    func keyMaterial(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).flatMap { name -> [String] in
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            return text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.count >= 32 }
        }
    }
}
