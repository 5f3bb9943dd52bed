import Foundation
@testable import LocalLab
import Testing
import Transport

/// The test helpers other suites rely on: if these lie, integration tests pass for the wrong reasons.
@Suite struct LocalLabTests {
    @Test func childProcessIsEndedBySIGTERMAndReportsIt() throws {
        let child = try ChildProcess.spawn("/bin/sleep", ["30"])
        #expect(child.isRunning)
        #expect(child.waitForExit(timeout: .milliseconds(100)) == nil)
        child.signal(SIGTERM)
        #expect(child.waitForExit(timeout: .seconds(5)) == 128 + SIGTERM)
        #expect(!child.isRunning)
        child.signal(SIGTERM)  // harmless after exit: the PID is no longer ours
    }

    @Test func childProcessReportsExitCodeAndWritesOutputFiles() throws {
        let tmp = TempDirectory(prefix: "supportkit-child")
        defer { tmp.remove() }
        let out = tmp.file("out")
        let child = try ChildProcess.spawn(
            "/bin/sh", ["-c", "echo \"$GREETING\"; exit 3"], environment: ["GREETING": "hi"], stdoutPath: out)
        #expect(child.waitForExit(timeout: .seconds(5)) == 3)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "hi\n")
    }

    @Test func testPKIIssuesCertificatesThatVerifyAgainstItsCA() throws {
        let tmp = TempDirectory(prefix: "supportkit-pki")
        defer { tmp.remove() }
        let pki = try TestPKI.make(in: tmp.path)
        for cert in [pki.serverCert, pki.clientCert] {
            try ChildProcess.run("/usr/bin/openssl", ["verify", "-CAfile", pki.caCert, cert])
        }
        let text = try ChildProcess.run(
            "/usr/bin/openssl", ["x509", "-in", pki.serverCert, "-noout", "-ext", "subjectAltName"])
        #expect(text.contains("IP Address:127.0.0.1") && text.contains("DNS:localhost"), "\(text)")
        let other = try pki.makeOtherCA()
        #expect(throws: (any Error).self) {
            try ChildProcess.run("/usr/bin/openssl", ["verify", "-CAfile", other.cert, pki.serverCert])
        }
    }

    @Test func brokerRestartKeepsPortAndPersistentSessions() async throws {
        let tmp = TempDirectory(prefix: "supportkit-restart")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }
        let firstPID = broker.pid
        let id = Fixtures.uniqueID("survivor")

        let before = try Fixtures.client(broker.url, id: id, cleanStart: false, sessionExpiry: 600)
        let beforeEvents = MQTTEventRecorder(before)
        try await before.connect()
        try await Fixtures.subscribeConfirmed(before, beforeEvents, filter: "vg/restart/#", probeTopic: "vg/restart/p")
        before.close()

        try broker.restart()
        #expect(broker.pid != firstPID && broker.pid != 0)
        #expect(FreePort.isAccepting(broker.port))

        let publisher = try Fixtures.client(broker.url, id: Fixtures.uniqueID("pub"))
        defer { publisher.close() }
        let acks = MQTTEventRecorder(publisher)
        try await publisher.connect()
        let payload = Data("after-restart".utf8)
        let mid = try publisher.publish(topic: "vg/restart/x", payload: payload, qos: 1)
        #expect(await acks.publishResult(mid: mid) == 0, "the session's subscription should have survived")

        let after = try Fixtures.client(broker.url, id: id, cleanStart: false, sessionExpiry: 600)
        defer { after.close() }
        let afterEvents = MQTTEventRecorder(after)
        try await after.connect()
        #expect(await afterEvents.message(withPayload: payload) != nil)
    }

    @Test func brokerStopEndsTheProcess() throws {
        let tmp = TempDirectory(prefix: "supportkit-stop")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        let pid = broker.pid
        broker.stop()
        #expect(broker.pid == 0)
        #expect(kill(pid, 0) != 0, "mosquitto \(pid) is still alive")
        #expect(!FreePort.isAccepting(broker.port))
        broker.stop()  // idempotent
    }

    @Test func eventuallyReportsTimeoutAndSuccess() async {
        #expect(await eventually(timeout: .milliseconds(200), poll: .milliseconds(20)) { false } == false)
        var calls = 0
        // A generous timeout: blocking tests running in parallel can hold the cooperative pool for seconds.
        #expect(await eventually(timeout: .seconds(120), poll: .milliseconds(10)) { calls += 1; return calls == 3 })
    }

    @Test func eventuallyDoesNotCountAStalledPollAgainstItsTimeout() async {
        // The first sleep overruns the whole timeout, as when blocking set-ups hold the cooperative pool.
        func stagedStall() -> (Duration) async -> Void {
            var sleeps = 0
            return { poll in
                sleeps += 1
                try? await Task.sleep(for: sleeps == 1 ? .milliseconds(1500) : poll)
            }
        }
        var calls = 0
        let held = await eventually(timeout: .seconds(1), poll: .milliseconds(10), stallAllowance: .seconds(300), sleep: stagedStall()) {
            calls += 1
            return calls == 3
        }
        #expect(held, "the stall is forgiven, so the poll after it still runs within the timeout")
        #expect(calls == 3, "the condition was polled once before the stall and twice after it")

        // The allowance caps what is forgiven: 0.5 s of the 1.5 s stall leaves the wait past its deadline.
        calls = 0
        let capped = await eventually(timeout: .seconds(1), poll: .milliseconds(10), stallAllowance: .milliseconds(500), sleep: stagedStall()) {
            calls += 1
            return calls == 3
        }
        #expect(!capped && calls == 2, "only the allowance is forgiven")
    }
}
