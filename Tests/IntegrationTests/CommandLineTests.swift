import Foundation
import LocalLab
import Testing
import Transport

/// The technician's commands, run as a user would: exit status and messages.
@Suite struct CommandLineTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let dir = TempDirectory(prefix: "vitalgate-cli")
        defer { dir.remove() }
        let out = dir.file("out.txt")
        let child = try ChildProcess.spawn(GatewayLab.binary, arguments, stdoutPath: out, stderrPath: out)
        let status = child.waitForExit(timeout: .seconds(30)) ?? -1
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test func configCheckPrintsPositionedErrorsAndExitsTwo() throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        let good = try run(["config", "check", lab.gatewayConfig])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("ok"))
        let text = try String(contentsOfFile: lab.gatewayConfig, encoding: .utf8).replacingOccurrences(of: "maxAge: 7d", with: "maxAge: forever")
        let bad = lab.dir.file("bad.yaml")
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try run(["config", "check", bad])
        #expect(result.status == 2)
        #expect(result.output.contains("\(bad):3:"), "\(result.output)")
        #expect(result.output.contains("error: 'store.maxAge' must be a duration"))
    }

    @Test func runRefusesAPrivateKeyReadableByOthers() throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        chmod(lab.dir.file("keys/gateway.key"), 0o644)
        let result = try run(["run", "--config", lab.gatewayConfig])
        #expect(result.status == 2)
        #expect(result.output.contains("gateway.key"), "\(result.output)")
    }

    @Test func profileValidateChecksEveryFile() throws {
        let dir = TempDirectory(prefix: "vitalgate-profiles")
        defer { dir.remove() }
        let bad = dir.file("bad.yaml")
        try "name: bad\ntransport: mqtt\ndecoder: senml\nlane: vitals\nchannels: {}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let good = GatewayLab.repository + "/DeviceProfiles/senml-vitals.yaml"
        #expect(try run(["profile", "validate", good]).status == 0)
        let result = try run(["profile", "validate", good, bad])
        #expect(result.status == 2)
        #expect(result.output.contains("\(bad):4:7: error: 'lane' must be one of alarm, vital, wave"), "\(result.output)")
    }

    @Test func profileDecodePrintsOneJSONLinePerMeasurementAndCountsBadFrames() throws {
        let dir = TempDirectory(prefix: "vitalgate-decode")
        defer { dir.remove() }
        let capture = dir.file("hr.hex")
        try "1E 55 32 00 21 00\n04 FF\n17 01 01\n".write(toFile: capture, atomically: true, encoding: .utf8)
        let profiles = GatewayLab.repository + "/DeviceProfiles"
        let result = try run(["profile", "decode", "--profiles", profiles, "--profile", "ble-heart-rate", "--hex", "--topic", "ble/aa:bb:cc:dd:ee:ff/2a37", capture])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").filter { $0.hasPrefix("{\"channel\"") }
        #expect(lines.count == 3, "85 bpm, its RR interval, and 255 bpm: \(result.output)")
        #expect(lines.first?.contains(#""value":85"#) == true && lines.first?.contains(#""loinc":"8867-4""#) == true)
        #expect(result.output.contains("3 frame(s), 1 error(s)"), "the invalid frame is counted: \(result.output)")

        let serial = dir.file("masimo.txt")
        try "12/01/05 11:56:29 SN=0123456789 SPO2=098% BPM=240 PI=20.00% SPCO=01.0% SPMET=00.5% DESAT=01 PIDELTA=-02 PVI=027 ALARM=0000 EXC=000820\r\n09/15/10 15:10:29 SPO2=---% BPM=064 PI=11.82% ALARM=20 EXC=800\r\n"
            .write(toFile: serial, atomically: true, encoding: .utf8)
        let masimo = try run(["profile", "decode", "--profiles", profiles, "--profile", "masimo-radical7", serial])
        #expect(masimo.status == 0)
        #expect(masimo.output.contains(#"{"absent":"unknown","channel":"spo2""#), "dashes are 'no value': \(masimo.output)")
        #expect(masimo.output.contains(#""condition":"sensor-off""#))
        #expect(try run(["profile", "decode", "--profiles", profiles, "--profile", "no-such-device", serial]).status == 2)
    }

    @Test func keysGenerateWritesPrivateKeysOwnerOnly() throws {
        let dir = TempDirectory(prefix: "vitalgate-keys")
        defer { dir.remove() }
        let result = try run(["keys", "generate", "--out", dir.file("k")])
        #expect(result.status == 0, "\(result.output)")
        for name in ["gateway.key", "platform.key"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir.file("k/\(name)"))[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let line = try String(contentsOfFile: dir.file("k/gateway.pub"), encoding: .utf8)
        #expect(Data(base64Encoded: line.trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
        #expect(try run(["keys", "generate", "--out", dir.file("k")]).status != 0, "existing keys are never overwritten")
    }

    @Test func simulatePublishesEachReadingOnceWithThreeDecimals() async throws {
        let dir = TempDirectory(prefix: "vitalgate-simulate")
        let broker = try TestBroker.start(in: dir.file("broker"))
        defer { broker.stop(); dir.remove() }
        let subscriber = try MQTTClient(options: MQTTClientOptions(
            endpoint: try MQTTEndpoint.parse(broker.url), clientID: "sim-check", cleanStart: true, sessionExpirySeconds: 0
        ))
        let received = MQTTEventRecorder(subscriber)
        defer { subscriber.close() }
        try await subscriber.connect()
        try await subscriber.subscribeConfirmed("load/#", recorder: received, probeTopic: "load/probe-check")
        let out = dir.file("simulate.json")
        let child = try ChildProcess.spawn(GatewayLab.binary, [
            "simulate", "--url", broker.url, "--devices", "2", "--rate", "1000", "--seconds", "1.2", "--topic-prefix", "load", "--alarm-probe-ms", "500",
        ], stdoutPath: out, stderrPath: out)
        defer { child.terminate() }
        #expect(await eventually(timeout: .seconds(30)) { !child.isRunning }, "simulate exits")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let acknowledged = summary?["acknowledged"] as? Int ?? -1
        #expect(await eventually(timeout: .seconds(10)) { received.messages.count >= acknowledged + 1 }, "every message arrives")

        let payloads = received.messages.filter { $0.topic != "load/probe-check" }.map { String(decoding: $0.payload, as: UTF8.self) }
        let probes = payloads.filter { $0.contains("urn:dev:load:probe:") }
        let values = payloads.filter { !$0.contains("urn:dev:load:probe:") }.compactMap { $0.firstMatch(of: /"v":(\d+\.\d{3})\}/)?.1 }
        #expect(values.count == 1_200, "rate × seconds readings, the probes on top")
        #expect(Set(values).count == 1_200, "each reading is unique, so a receiver can check it")
        #expect(values.first == "60.000" && values.last == "61.199", "\(values.suffix(3))")
        #expect(acknowledged == 1_200 + probes.count && !probes.isEmpty, "\(String(describing: summary))")
        #expect(summary?["alarmProbes"] as? Int == probes.filter { $0.contains("\"v\":80}") }.count, "low probes counted")
        #expect(payloads.allSatisfy { $0.firstMatch(of: /"bt":\d{10}\.\d{3},/) != nil }, "\(payloads.prefix(2))")
    }
}
