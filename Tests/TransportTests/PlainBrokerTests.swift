import Foundation
import LocalLab
import Testing
import Transport

/// Against a real mosquitto on loopback without TLS.
@Suite struct PlainBrokerTests {
    @Test func publishSubscribeRoundTripAtQoS1() async throws {
        let tmp = TempDirectory(prefix: "transport-roundtrip")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }

        let subscriber = try Fixtures.client(broker.url, id: Fixtures.uniqueID("sub"))
        defer { subscriber.close() }
        let received = MQTTEventRecorder(subscriber)
        try await subscriber.connect()
        try await Fixtures.subscribeConfirmed(subscriber, received, filter: "vg/rt/#", probeTopic: "vg/rt/probe")

        let publisher = try Fixtures.client(broker.url, id: Fixtures.uniqueID("pub"))
        defer { publisher.close() }
        let acks = MQTTEventRecorder(publisher)
        try await publisher.connect()
        let payload = Data("hello \u{1F600} \0 binary".utf8)
        let mid = try publisher.publish(topic: "vg/rt/data", payload: payload, qos: 1)

        #expect(await acks.publishResult(mid: mid) == 0)
        let message = try #require(await received.message(withPayload: payload))
        #expect(message.topic == "vg/rt/data")
        #expect(message.qos == 1)
        #expect(message.retain == false)
    }

    @Test func connectedEventReportsNoSessionForCleanStart() async throws {
        let tmp = TempDirectory(prefix: "transport-connack")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }

        let client = try Fixtures.client(broker.url, id: Fixtures.uniqueID("c"))
        let recorder = MQTTEventRecorder(client)
        try await client.connect()
        #expect(client.isConnected)
        let sessionPresent = await recorder.first { if case .connected(let present) = $0 { present } else { nil } }
        #expect(sessionPresent == false)

        client.close()
        client.close()  // idempotent
        #expect(!client.isConnected)
        #expect(await eventually(timeout: .seconds(5)) { recorder.isFinished })
        #expect(throws: MQTTError.self) { try client.publish(topic: "vg/x", payload: Data(), qos: 1) }
        await #expect(throws: MQTTError.self) { try await client.connect() }
    }

    /// Refused, with the reason, rather than waiting out the connect timeout; how fast is a
    /// benchmark matter, not asserted here.
    @Test func connectToAPortNobodyListensIsRefusedWithTheReason() async throws {
        let port = FreePort.next()
        let client = try Fixtures.client("mqtt://127.0.0.1:\(port)", id: Fixtures.uniqueID("dead"))
        let recorder = MQTTEventRecorder(client)
        var caught: MQTTError?
        do {
            try await client.connect()
        } catch let error as MQTTError {
            caught = error
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
        let error = try #require(caught, "connect to a closed port succeeded")
        #expect(error.description.localizedCaseInsensitiveContains("refused"), "\(error)")
        // A failed connect leaves the client closed, so its event stream ends.
        #expect(await eventually(timeout: .seconds(5)) { recorder.isFinished })
    }

    @Test func refusedCONNACKIsReportedWithItsReasonCode() async throws {
        let tmp = TempDirectory(prefix: "transport-refused")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path, extraConfig: "allow_anonymous false")
        defer { broker.stop() }

        let client = try Fixtures.client(broker.url, id: Fixtures.uniqueID("anon"))
        let recorder = MQTTEventRecorder(client)
        let error = try #require(await TLSTests.connectError(client), "an anonymous client was let in")
        #expect(error.description.contains("Not authorized"), "\(error)")
        let reason = try #require(await recorder.disconnectReason())
        #expect(reason.contains("Not authorized"), "\(reason)")
        #expect(await eventually(timeout: .seconds(5)) { recorder.isFinished })
    }

    @Test func brokerACLDenialComesBackAsRefusedPublish() async throws {
        let tmp = TempDirectory(prefix: "transport-acl")
        defer { tmp.remove() }
        let aclPath = tmp.file("acl")
        // Anonymous clients (the general section) may use vg/allowed/# only.
        try "topic readwrite vg/allowed/#\n".write(toFile: aclPath, atomically: true, encoding: .utf8)
        let broker = try TestBroker.start(in: tmp.path, extraConfig: "acl_file \(aclPath)")
        defer { broker.stop() }

        let client = try Fixtures.client(broker.url, id: Fixtures.uniqueID("acl"))
        defer { client.close() }
        let recorder = MQTTEventRecorder(client)
        try await client.connect()

        let allowed = try client.publish(topic: "vg/allowed/x", payload: Data("ok".utf8), qos: 1)
        let denied = try client.publish(topic: "vg/denied/x", payload: Data("no".utf8), qos: 1)
        let allowedCode = try #require(await recorder.publishResult(mid: allowed))
        let deniedCode = try #require(await recorder.publishResult(mid: denied))
        #expect(allowedCode < 0x80)
        #expect(deniedCode >= 0x80)
        #expect(deniedCode == 0x87, "mosquitto answers a denied QoS 1 publish with 0x87 Not authorized")
        #expect(client.isConnected, "a refused publish must not cost the connection")
    }

    @Test func persistentSessionDeliversWhatWasPublishedWhileAway() async throws {
        let tmp = TempDirectory(prefix: "transport-session")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }
        let subscriberID = Fixtures.uniqueID("persistent")

        let first = try Fixtures.client(broker.url, id: subscriberID, cleanStart: false, sessionExpiry: 300)
        let firstEvents = MQTTEventRecorder(first)
        try await first.connect()
        try await Fixtures.subscribeConfirmed(first, firstEvents, filter: "vg/away/#", probeTopic: "vg/away/probe")
        first.close()

        let publisher = try Fixtures.client(broker.url, id: Fixtures.uniqueID("pub"))
        defer { publisher.close() }
        let acks = MQTTEventRecorder(publisher)
        try await publisher.connect()
        let payloads = (1...3).map { Data("while-away-\($0)".utf8) }
        for payload in payloads {
            let mid = try publisher.publish(topic: "vg/away/data", payload: payload, qos: 1)
            #expect(await acks.publishResult(mid: mid) == 0)
        }

        let second = try Fixtures.client(broker.url, id: subscriberID, cleanStart: false, sessionExpiry: 300)
        defer { second.close() }
        let secondEvents = MQTTEventRecorder(second)
        try await second.connect()
        let sessionPresent = await secondEvents.first { if case .connected(let p) = $0 { p } else { nil } }
        #expect(sessionPresent == true)
        // No new SUBSCRIBE: the broker kept the subscription and queued the messages.
        for payload in payloads {
            let text = String(decoding: payload, as: UTF8.self)
            #expect(await secondEvents.message(withPayload: payload) != nil, "missing \(text)")
        }
    }

    @Test func clientDoesNotReconnectBehindTheOwnersBack() async throws {
        let tmp = TempDirectory(prefix: "transport-noreconnect")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }

        let client = try Fixtures.client(broker.url, id: Fixtures.uniqueID("once"))
        defer { client.close() }
        let recorder = MQTTEventRecorder(client)
        try await client.connect()

        broker.stop()
        let reason = try #require(await recorder.disconnectReason(), "no .disconnected after the broker stopped")
        #expect(!reason.isEmpty)
        #expect(!client.isConnected)
        #expect(throws: MQTTError.self) { try client.publish(topic: "vg/x", payload: Data(), qos: 1) }

        try broker.restart()
        try await Task.sleep(for: .seconds(2))
        let connects = recorder.all.filter { if case .connected = $0 { true } else { false } }
        #expect(connects.count == 1, "the client reconnected on its own")
        #expect(!client.isConnected)

        client.close()
        #expect(await eventually(timeout: .seconds(5)) { recorder.isFinished }, "close() after a lost connection ends the stream")
    }
}
