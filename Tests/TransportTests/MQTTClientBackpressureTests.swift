import Foundation
import LocalLab
import Testing
import Transport

/// A consumer slower than the broker: what it has not taken waits in the broker, not in our memory.
@Suite struct MQTTClientBackpressureTests {
    @Test func aSlowConsumerHoldsBackTheBrokerAndLosesNothing() async throws {
        let tmp = TempDirectory(prefix: "transport-backpressure")
        defer { tmp.remove() }
        let broker = try TestBroker.start(in: tmp.path)
        defer { broker.stop() }

        let subscriber = try MQTTClient(
            options: MQTTClientOptions(
                endpoint: try MQTTEndpoint.parse(broker.url), clientID: Fixtures.uniqueID("slow"), cleanStart: true,
                sessionExpirySeconds: 0, receiveBufferLimit: 8))
        defer { subscriber.close() }
        var events = subscriber.events.makeAsyncIterator()
        try await subscriber.connect()
        try subscriber.subscribe("vg/bp/#", qos: 1)
        // SUBACK is no event: our own probe coming back proves the subscription is live.
        _ = try subscriber.publish(topic: "vg/bp/probe", payload: Data("probe".utf8), qos: 1)
        while let event = await events.next() {
            if case .message(let message) = event, message.topic == "vg/bp/probe" { break }
        }

        let publisher = try Fixtures.client(broker.url, id: Fixtures.uniqueID("fast"))
        defer { publisher.close() }
        let acks = MQTTEventRecorder(publisher)
        try await publisher.connect()
        let count = 300
        let mids = try (0..<count).map { try publisher.publish(topic: "vg/bp/data", payload: Data("\($0)".utf8), qos: 1) }
        for mid in mids { #expect(await acks.publishResult(mid: mid) == 0, "the broker took every message") }

        try await Task.sleep(for: .seconds(1))
        #expect(subscriber.bufferedMessages == 8, "the buffer filled to its bound and no further")

        var received: [String] = []
        while received.count < count, let event = await events.next() {
            if case .message(let message) = event { received.append(String(decoding: message.payload, as: UTF8.self)) }
        }
        #expect(received == (0..<count).map { "\($0)" }, "all arrive, once, in order")
    }
}
