import Foundation
import LocalLab
import Testing

/// Promise 3 on the wire: alarms travel on a connection of their own (`<clientId>-alarm`), so no backlog's batch
/// stands between an alarm and its PUBACK; while the platform refuses that connection, over the main one.
@Suite(.serialized) struct AlarmConnectionTests {
    /// An SpO2 of 84 % for 8 s on dev0: the senml-vitals profile's `below-90` alarm.
    func desaturation(device: String = "dev0") -> [(topic: String, payload: String)] {
        let start = SenMLTraffic.baseMs + 500_000
        return (0...7).map { step in
            (topic: "sensors/\(device)/vitals", payload: SenMLTraffic.pack(device: device, timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 84)]))
        }
    }

    func alarmIssues(_ lab: GatewayLab) -> [[String: Any]] {
        lab.resources().filter {
            $0["resourceType"] as? String == "DetectedIssue" && (($0["code"] as? [String: Any])?["text"] as? String)?.hasPrefix("below-90") == true
        }
    }

    /// Starts the receiver and the gateway, waits until the alarm connection carries the alarm lane (so the test's
    /// alarm does not race its first send), then publishes 40 heart rates and the desaturation.
    func startAndDesaturate(_ lab: GatewayLab) async throws {
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("upstream alarm connection connected") })
        try await lab.publish(SenMLTraffic.heartRates(count: 40, devices: 1).messages + desaturation())
    }

    /// The upstream broker's log lines for PUBLISHes it received from `client` on a topic ending in `/lane`.
    func publishes(_ lab: GatewayLab, from client: String, lane: String) -> Int {
        lab.upstream.logText().split(separator: "\n").count { $0.contains("Received PUBLISH from \(client) (") && $0.contains("/\(lane)',") }
    }

    @Test func alarmsTravelOnTheirOwnConnectionAndTheStatusShowsIt() async throws {
        var options = GatewayLab.Options(devices: 1)
        options.upstreamSettings = ["alarmConnection: true"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await startAndDesaturate(lab)
        #expect(await eventually(timeout: .seconds(20)) { alarmIssues(lab).count == 1 && lab.observations().count >= 48 })

        let main = "vitalgate-lab-gw-up", alarm = "vitalgate-lab-gw-up-alarm"
        #expect(publishes(lab, from: alarm, lane: "alarm") >= 1, "the alarm batch came on the alarm connection")
        #expect(publishes(lab, from: main, lane: "alarm") == 0, "and not on the main one")
        #expect(publishes(lab, from: main, lane: "vital") >= 1, "vitals on the main connection")
        #expect(publishes(lab, from: alarm, lane: "vital") == 0, "and only there")

        let document = try lab.statusDocument()
        let upstream = try #require(document["upstream"] as? [String: Any])
        let connection = try #require(document["alarmConnection"] as? [String: Any], "\(document)")
        #expect(connection["clientId"] as? String == alarm && connection["connected"] as? Bool == true)
        #expect(connection["lastAckUnixMs"] as? Int64 != nil, "its own PUBACKs: \(connection)")
        #expect(upstream["clientId"] as? String == main && upstream["connected"] as? Bool == true)
        let screen = try GatewayLab.run(["status", "--socket", lab.dir.file("api.sock")])
        #expect(screen.output.contains("alarms    separate connection connected"), "\(screen.output)")
    }

    @Test func alarmsGoOverTheMainConnectionWhileThePlatformRefusesTheAlarmConnection() async throws {
        let aclDirectory = TempDirectory(prefix: "vitalgate-acl")
        defer { aclDirectory.remove() }
        let acl = aclDirectory.file("acl")
        // Each client may write only below its own client id, as a platform keying its ACL on client ids does:
        // the main connection (client id lab-gw) may publish the gateway's topics, lab-gw-alarm may not.
        try "topic read vitalgate/v1/#\npattern write vitalgate/v1/lab-site/%c/#\n".write(toFile: acl, atomically: true, encoding: .utf8)
        var options = GatewayLab.Options(devices: 1)
        options.upstreamConfig = "acl_file \(acl)\n"
        options.upstreamSettings = ["clientId: lab-gw", "alarmConnection: true"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await startAndDesaturate(lab)
        #expect(await eventually(timeout: .seconds(20)) { alarmIssues(lab).count == 1 }, "the alarm arrives: \(lab.gatewayLogText().suffix(2000))")
        #expect(publishes(lab, from: "lab-gw", lane: "alarm") >= 1, "over the main connection")
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 48 })
        #expect(await eventually(timeout: .seconds(10)) { ((try? lab.queueFigures().rows[1]) ?? 0) == 0 }, "and it left the queue")

        let log = lab.gatewayLogText()
        #expect(log.contains("upstream alarm connection session ended: the broker refused alarm batch"), "\(log.suffix(2000))")
        #expect(log.contains("alarms go over the main connection meanwhile"))
        let connection = try #require(try lab.statusDocument()["alarmConnection"] as? [String: Any])
        #expect(connection["connected"] as? Bool == false && (connection["lastError"] as? String)?.contains("refused") == true, "\(connection)")
        let screen = try GatewayLab.run(["status", "--socket", lab.dir.file("api.sock")])
        #expect(screen.output.contains("alarms go over the main connection"), "\(screen.output)")
    }

    @Test func withoutTheAlarmConnectionAlarmsShareTheMainConnection() async throws {
        var options = GatewayLab.Options(devices: 1)
        options.upstreamSettings = ["alarmConnection: false"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(desaturation())
        #expect(await eventually(timeout: .seconds(20)) { alarmIssues(lab).count == 1 })
        #expect(publishes(lab, from: "vitalgate-lab-gw-up", lane: "alarm") >= 1)
        #expect(!lab.upstream.logText().contains("vitalgate-lab-gw-up-alarm"), "no second client ever connected")
        let document = try lab.statusDocument()
        #expect(document["upstream"] != nil && document["alarmConnection"] == nil, "no alarm connection in the status: \(document)")
    }
}
