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

    /// `refusing`: the broker refuses the uplink's publishes (PUBACK 0x87, an ACL) until `acceptEverything()`.
    init(refusing: Bool = false) async throws {
        let pki = try TestPKI.make(in: tmp.file("pki"))
        var extraConfig = ""
        if refusing {
            // The uplink may not write; the subscriber's probe may.
            try "topic readwrite t/probe\ntopic read t/#\n".write(toFile: tmp.file("acl"), atomically: true, encoding: .utf8)
            extraConfig = "acl_file \(tmp.file("acl"))"
        }
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

    /// Lets the uplink write again, once a refused lane's first back-off (1 s) is over.
    func acceptEverything() async throws {
        try "topic readwrite t/#\n".write(toFile: tmp.file("acl"), atomically: true, encoding: .utf8)
        kill(broker.pid, SIGHUP)  // mosquitto reloads its ACL
        try await Task.sleep(for: .milliseconds(1200))
    }

    func session(
        window: Int, outbox: AlarmOutbox? = nil, link: UplinkLink = .main, carriesAlarms: @escaping @Sendable () -> Bool = { true }
    ) -> UplinkSession {
        UplinkSession(
            client: client, store: store, status: status, logger: Logger(label: "test"),
            window: window, topicForLane: topics, ackTimeout: .seconds(30), outbox: outbox, link: link, carriesAlarms: carriesAlarms)
    }

    /// What the sessions counted: batches sent per lane, say.
    let status = StatusBoard(gatewayID: "gw", upstreamURL: "", devices: [])

    /// A sealed batch whose payload names it, not yet committed.
    func batch(_ lane: Lane, _ name: String) -> PendingBatch {
        PendingBatch(lane: lane, seq: store.nextSequence(), createdUnixMs: WallClock.nowUnixMs(), payload: Data(name.utf8))
    }

    /// Queues a batch whose payload names it.
    @discardableResult
    func queue(_ lane: Lane, _ name: String) throws -> PendingBatch {
        let batch = batch(lane, name)
        _ = try store.append([batch])
        return batch
    }

    /// An alarm batch offered to the uplink from memory, as the sealer does; not committed yet.
    func offerAlarm(_ name: String, to outbox: AlarmOutbox) -> PendingBatch {
        let alarm = batch(.alarm, name)
        outbox.offer([alarm])
        return alarm
    }

    /// The committer's part: the batch is committed, and the outbox is told.
    func commit(_ batch: PendingBatch, telling outbox: AlarmOutbox) throws {
        _ = try store.append([batch])
        outbox.stored([batch.seq])
    }

    /// Rows left in the queue's lane.
    func rows(_ lane: Lane) throws -> Int { try store.fetch(lane: lane, afterID: 0, limit: 1000).count }

    /// Waits for the next PUBACK the uplink's client got and hands it to the session, as `UplinkService` does.
    func acknowledgeNext(_ session: inout UplinkSession) async throws {
        let ack = try await nextAcknowledgement()
        session.acknowledged(mid: ack.mid, reasonCode: ack.code)
    }

    /// Waits for the next PUBACK and drops it, as one lost with its connection.
    func discardNextAcknowledgement() async throws { _ = try await nextAcknowledgement() }

    private func nextAcknowledgement() async throws -> (mid: Int32, code: Int) {
        var acks: [(mid: Int32, code: Int)] = []
        _ = await eventually(timeout: .seconds(10), poll: .milliseconds(5)) {
            acks = uplinkEvents.all.compactMap { if case let .published(mid, code, _) = $0 { (mid, code) } else { nil } }
            return acks.count > handled
        }
        try #require(acks.count > handled, "PUBACK \(handled + 1) within 10 s (stalls of the test process not counted)")
        handled += 1
        return acks[handled - 1]
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
