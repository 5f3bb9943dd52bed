import Foundation
@testable import Gateway
import GatewayModel
import LocalLab
import Logging
import Store
import Testing
import Transport

/// An upstream broker, a queue, the uplink's client and a subscriber that records what the broker forwards.
final class UplinkBench {
    let tmp = TempDirectory(prefix: "uplink-session")
    let broker: TestBroker
    let store: QueueStore
    let client: MQTTClient
    let uplinkEvents: MQTTEventRecorder
    let subscriber: MQTTClient
    let received: MQTTEventRecorder
    let topics: [Lane: String] = Dictionary(uniqueKeysWithValues: Lane.allCases.map { ($0, "t/\($0.rawValue)") })
    private var handled = 0

    /// `extraConfig`: broker lines, e.g. an `acl_file`.
    init(extraConfig: String = "") async throws {
        let pki = try TestPKI.make(in: tmp.file("pki"))
        broker = try TestBroker.start(in: tmp.file("broker"), tls: TestBroker.TLS(pki: pki), extraConfig: extraConfig)
        store = try QueueStore.open(
            QueueConfiguration(path: tmp.file("queue.sqlite"), maxBytes: 1 << 30, maxAge: .seconds(86_400)), logger: Logger(label: "test"))
        let tls = MQTTTLSOptions(caFile: pki.caCert, certFile: pki.clientCert, keyFile: pki.clientKey)
        let endpoint = try MQTTEndpoint.parse(broker.url)
        func options(_ id: String) -> MQTTClientOptions {
            MQTTClientOptions(endpoint: endpoint, clientID: id, cleanStart: true, sessionExpirySeconds: 0, tls: tls)
        }
        subscriber = try MQTTClient(options: options("subscriber"))
        received = MQTTEventRecorder(subscriber)
        try await subscriber.connect()
        try await subscriber.subscribeConfirmed("t/#", recorder: received, probeTopic: "t/probe")
        client = try MQTTClient(options: options("uplink"))
        uplinkEvents = MQTTEventRecorder(client)
        try await client.connect()
    }

    func session(window: Int) -> UplinkSession {
        UplinkSession(
            client: client, store: store, status: StatusBoard(gatewayID: "gw", upstreamURL: broker.url, devices: []), logger: Logger(label: "test"),
            window: window, topicForLane: topics, ackTimeout: .seconds(30))
    }

    /// Queues a batch whose payload names it.
    @discardableResult
    func queue(_ lane: Lane, _ name: String) throws -> PendingBatch {
        let batch = PendingBatch(lane: lane, seq: store.nextSequence(), createdUnixMs: WallClock.nowUnixMs(), payload: Data(name.utf8))
        _ = try store.append([batch])
        return batch
    }

    /// Waits for the next PUBACK the uplink's client got and hands it to the session, as `UplinkService` does.
    func acknowledgeNext(_ session: inout UplinkSession) async throws {
        var acks: [(mid: Int32, code: Int)] = []
        _ = await eventually(timeout: .seconds(10), poll: .milliseconds(5)) {
            acks = uplinkEvents.all.compactMap { if case let .published(mid, code, _) = $0 { (mid, code) } else { nil } }
            return acks.count > handled
        }
        try #require(acks.count > handled, "PUBACK \(handled + 1) within 10 s")
        session.acknowledged(mid: acks[handled].mid, reasonCode: acks[handled].code)
        handled += 1
    }

    /// Payloads the uplink's batches arrived with, in arrival order, once `count` have come.
    func receivedNames(count: Int) async -> [String] {
        var names: [String] = []
        _ = await eventually(timeout: .seconds(10), poll: .milliseconds(20)) {
            names = received.messages.filter { $0.topic != "t/probe" }.map { String(decoding: $0.payload, as: UTF8.self) }
            return names.count >= count
        }
        return names
    }

    deinit {
        client.close()
        subscriber.close()
        try? store.close()
        broker.stop()
        tmp.remove()
    }
}
