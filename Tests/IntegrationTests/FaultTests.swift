import Foundation
import LocalLab
import Testing

/// What the gateway does when things around it are wrong: TLS peers, a corrupt queue.
@Suite(.serialized) struct FaultTests {
    @Test func anUpstreamSignedByAnotherCAIsRefusedWithTheReason() async throws {
        let other = try TestPKI.make(in: TempDirectory(prefix: "vitalgate-otherca").path)
        var options = GatewayLab.Options(devices: 1)
        options.upstreamCA = other.caCert
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait(upstream: false)
        try await lab.publish(SenMLTraffic.heartRates(count: 20, devices: 1).messages)
        let (refused, log) = await Self.refusal(of: lab)
        #expect(refused, "log:\n\(log.suffix(2000))")
        #expect(log.lowercased().contains("certificate verify failed"), "the reason is told: \(log.suffix(2000))")
        try await Task.sleep(for: .seconds(1))
        #expect(lab.observations().isEmpty, "nothing went to an unverified server")
        #expect(((try? lab.queueFigures().rows[2]) ?? 0) > 0, "readings wait in the queue")
    }

    @Test func aServerCertificateForAnotherHostIsRefused() async throws {
        let (lab, scratch) = try Self.labWithUpstream("vitalgate-host") { pki in
            let wrong = try pki.makeServerCert(names: ["other.example"])
            return TestBroker.TLS(caFile: pki.caCert, certFile: wrong.cert, keyFile: wrong.key)
        }
        defer { lab.stopAll(); lab.dir.remove(); scratch.remove() }
        try lab.startGateway()
        let (refused, log) = await Self.refusal(of: lab)
        #expect(refused, "log:\n\(log.suffix(2000))")
        #expect(log.lowercased().contains("certificate verify failed") || log.lowercased().contains("hostname"), "the reason is told: \(log.suffix(1500))")
    }

    @Test func anExpiredServerCertificateIsRefused() async throws {
        let (lab, scratch) = try Self.labWithUpstream("vitalgate-expired") { pki in
            let expired = try pki.makeExpiredServerCert()
            return TestBroker.TLS(caFile: pki.caCert, certFile: expired.cert, keyFile: expired.key)
        }
        defer { lab.stopAll(); lab.dir.remove(); scratch.remove() }
        try lab.startGateway()
        let (refused, text) = await Self.refusal(of: lab)
        let log = text.lowercased()
        #expect(refused, "log:\n\(log.suffix(2000))")
        #expect(log.contains("expired") || log.contains("certificate verify failed"), "the reason is told: \(log.suffix(1500))")
        #expect(!log.contains("upstream connected"))
    }

    @Test func anUpstreamThatDoesNotAskForTheClientCertificateIsRefused() async throws {
        // Its own PKI, so the broker's certificate is valid for the gateway; only the missing request is wrong.
        // No receiver: it is configured for mutual TLS too and would refuse this broker just the same.
        let (lab, scratch) = try Self.labWithUpstream("vitalgate-noask") { pki in
            TestBroker.TLS(caFile: pki.caCert, certFile: pki.serverCert, keyFile: pki.serverKey, requireClientCertificate: false)
        }
        defer { lab.stopAll(); lab.dir.remove(); scratch.remove() }
        try await lab.startGatewayAndWait(upstream: false)
        try await lab.publish(SenMLTraffic.heartRates(count: 20, devices: 1).messages)
        let (refused, log) = await Self.refusal(of: lab)
        #expect(refused, "log:\n\(log.suffix(2000))")
        #expect(log.contains("did not ask for a client certificate"), "the reason is told: \(log.suffix(2000))")
        #expect(!log.contains("upstream connected"))
        #expect(!lab.upstream.logText().contains("New client connected"), "no CONNECT reached the broker: \(lab.upstream.logText().suffix(1500))")
        #expect(await eventually(timeout: .seconds(10)) { ((try? lab.queueFigures().rows[2]) ?? 0) > 0 }, "readings wait in the queue")
    }

    /// A lab whose upstream broker serves `tls`, made from a PKI of its own that the gateway trusts; remove the
    /// returned directory after the lab.
    private static func labWithUpstream(
        _ prefix: String, _ tls: (TestPKI) throws -> TestBroker.TLS
    ) throws -> (GatewayLab, TempDirectory) {
        let scratch = TempDirectory(prefix: prefix)
        let pki = try TestPKI.make(in: scratch.path)
        var options = GatewayLab.Options(devices: 1)
        options.upstreamCA = pki.caCert
        options.upstreamTLS = try tls(pki)
        return (try GatewayLab(options), scratch)
    }

    /// Whether the gateway logged a refused upstream connection within 20 s, and its log.
    private static func refusal(of lab: GatewayLab) async -> (Bool, String) {
        let refused = await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("cannot connect") }
        return (refused, lab.gatewayLogText())
    }

    @Test func aCorruptQueueIsQuarantinedAndTheGatewayRunsOn() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        var garbage = Data("SQLite format 3\u{0}".utf8)
        garbage.append(Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        try garbage.write(to: URL(fileURLWithPath: lab.dir.file("queue.sqlite")))
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 50, devices: 1).messages)
        #expect(await eventually(timeout: .seconds(30)) { lab.observations().count >= 50 }, "the gateway runs on with a new queue")
        let moved = try FileManager.default.contentsOfDirectory(atPath: lab.dir.path).filter { $0.hasPrefix("queue.sqlite") && $0.contains("corrupt") }
        #expect(!moved.isEmpty, "the corrupt file is kept aside: \((try? FileManager.default.contentsOfDirectory(atPath: lab.dir.path)) ?? [])")
        #expect(lab.gatewayLogText().contains("moved aside"), "the quarantine is logged loudly")
    }

    @Test func malformedPayloadsAreCountedAndNeverStopTheSource() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        var messages: [(topic: String, payload: String)] = (0..<30).map { (topic: "sensors/dev0/vitals", payload: "garbage \($0) {[") }
        messages += SenMLTraffic.heartRates(count: 20, devices: 1).messages
        try await lab.publish(messages)
        #expect(await eventually(timeout: .seconds(30)) { lab.observations().count >= 20 })
        let log = lab.gatewayLogText()
        #expect(log.contains("malformed payload"))
        #expect(log.contains("suppressed") || log.components(separatedBy: "malformed payload").count < 10, "logging is rate-limited")
    }
}

/// Promise 2 against a broker that refuses: nothing leaves the queue without a good PUBACK.
@Suite(.serialized) struct RefusalTests {
    @Test func batchesTheBrokerRefusesStayQueuedUntilItAccepts() async throws {
        let aclDirectory = TempDirectory(prefix: "vitalgate-acl")
        defer { aclDirectory.remove() }
        let acl = aclDirectory.file("acl")
        // Anonymous clients may read but not write: the gateway's QoS 1 publishes get PUBACK 0x87.
        try "topic read vitalgate/v1/#\n".write(toFile: acl, atomically: true, encoding: .utf8)
        var options = GatewayLab.Options(devices: 1)
        options.upstreamConfig = "acl_file \(acl)\n"
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 300, devices: 1).messages)
        let refused = await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("upstream refused") }
        #expect(refused, "\(lab.gatewayLogText().suffix(2000))")
        try await Task.sleep(for: .seconds(2))
        #expect(lab.observations().isEmpty)
        let queued = try lab.queueFigures().rows[2] ?? 0
        #expect(queued >= 1, "refused batches stay in the queue")

        try "topic readwrite vitalgate/v1/#\n".write(toFile: acl, atomically: true, encoding: .utf8)
        try await lab.restartUpstreamReceiverFirst()
        let arrived = await eventually(timeout: .seconds(60)) { lab.observations().count >= 300 }
        #expect(arrived, "everything arrives once the broker accepts; gateway:\n\(lab.gatewayLogText().suffix(3000))\nreceiver:\n\(lab.receiverLogText().suffix(1500))\nbroker:\n\(lab.upstream.logText().suffix(1500))")
        #expect(lab.observations().count == 300)
        #expect(await eventually(timeout: .seconds(10)) { ((try? lab.queueFigures().rows[2]) ?? 0) == 0 }, "and only then leaves the queue")
    }
}
