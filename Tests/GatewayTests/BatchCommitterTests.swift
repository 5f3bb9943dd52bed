import Foundation
@testable import Gateway
import GatewayModel
import LocalLab
import Logging
import Store
import Testing
import Wire

/// Sealing and committing what the pipeline closed: sealed off the pipeline's task, committed to a real queue.
@Suite struct BatchCommitterTests {
    private let tmp = TempDirectory(prefix: "batch-committer")
    private let status = StatusBoard(gatewayID: "gw", upstreamURL: "", devices: [])
    private let device = DeviceInfo(id: "bed1", profile: "senml-vitals")
    private let hr = ChannelDescriptor(name: "hr", code: ChannelCode(loinc: "8867-4"), unit: "/min")

    private func closed(_ count: Int, lane: Lane = .vital) -> Batcher.Closed {
        let readings = (0..<count).map { Measurement(device: "bed1", channel: hr, timeUnixMs: 1_700_000_000_000 + Int64($0), value: 60) }
        return Batcher.Closed(lane: lane, content: BatchContent(devices: [device], measurements: readings), arrivedAt: .now, closedAt: .now)
    }

    /// Runs the committer's task over `batches` until the hand-over is finished; returns the queue and the platform's opener.
    private func commitAll(sealerGatewayID: String = "gw", _ batches: (ClosedBatches, BatchSealer) -> Void) async throws -> (QueueStore, Opener) {
        let keys = try KeyFile.generatePairs(into: tmp.file("keys"))
        let gatewayKey = try KeyFile.readPrivateKey(at: keys[0])
        let platformKey = try KeyFile.readPrivateKey(at: keys[2])
        let store = try QueueStore.open(
            QueueConfiguration(path: tmp.file("queue.sqlite"), maxBytes: 1 << 30, maxAge: .seconds(86_400)), logger: Logger(label: "test"))
        let signal = QueueSignal()
        let logger = Logger(label: "test")
        let sealer = BatchSealer(
            gatewayID: "gw", sealer: Sealer(gatewayID: sealerGatewayID, gatewayKey: gatewayKey, recipientKey: platformKey.publicKey),
            store: store, signal: signal, outbox: nil, status: status, logger: logger, timers: .off)
        let committer = BatchCommitter(store: store, signal: signal, status: status, logger: logger)
        let handOver = ClosedBatches(status: status, sealing: SealingQueue(sealer))
        let task = Task { await committer.run(taking: handOver) }
        batches(handOver, sealer)
        handOver.finish()
        await task.value
        return (store, Opener(recipientKey: platformKey, gatewayKeys: ["gw": gatewayKey.publicKey]))
    }

    @Test func closedBatchesAreSealedAndCommittedInOrder() async throws {
        defer { tmp.remove() }
        let (store, opener) = try await commitAll { batches, sealer in
            batches.add(toSeal: [closed(3), closed(2, lane: .wave)])
            batches.add(sealer.seal([closed(1, lane: .alarm)]))  // as the pipeline hands over an alarm
            batches.add(toSeal: [closed(5)])
        }
        let vital = try store.fetch(lane: .vital, afterID: 0, limit: 10)
        let counts = try vital.map { try opener.open($0.payload).content.measurements.count }
        #expect(counts == [3, 5], "each batch sealed whole, in the order closed")
        #expect(vital.count == 2 && vital[0].seq < vital[1].seq, "sequence numbers in the order the batches closed")
        #expect(try store.fetch(lane: .wave, afterID: 0, limit: 10).count == 1)
        let alarms = try store.fetch(lane: .alarm, afterID: 0, limit: 10)
        #expect(try alarms.map { try opener.open($0.payload).content.measurements.count } == [1])
        let snapshot = status.snapshot()
        #expect(snapshot.sealedUncommitted == 0, "every hand-over settled")
        #expect(snapshot.batchesSealed[.vital] == 2 && snapshot.batchesSealed[.wave] == 1 && snapshot.batchesSealed[.alarm] == 1)
    }

    @Test func aBatchThatCannotBeSealedIsCountedAndSettled() async throws {
        defer { tmp.remove() }
        // A sealer for another gateway id refuses every header: the batch is dropped, never stored in plaintext.
        let (store, _) = try await commitAll(sealerGatewayID: "other") { batches, _ in batches.add(toSeal: [closed(4)]) }
        #expect(try store.fetch(lane: .vital, afterID: 0, limit: 10).isEmpty)
        let snapshot = status.snapshot()
        #expect(snapshot.droppedBeforeQueue[.vital]?["seal"] == 1)
        #expect(snapshot.sealedUncommitted == 0, "a dropped batch does not stay counted as pending")
    }
}
