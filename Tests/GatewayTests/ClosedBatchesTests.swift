import Foundation
import GatewayModel
import LocalLab
import Store
import Synchronization
import Testing

@testable import Gateway

/// The bounded hand-over from the pipeline to the committer.
@Suite struct ClosedBatchesTests {
    private func batch(seq: UInt64, bytes: Int) -> PendingBatch {
        PendingBatch(lane: .vital, seq: seq, createdUnixMs: 0, payload: Data(count: bytes))
    }

    private func board() -> StatusBoard { StatusBoard(gatewayID: "gw", upstreamURL: "", devices: []) }

    /// A hand-over that only ever gets sealed batches.
    private func sealedOnly(limitBytes: Int) -> ClosedBatches {
        ClosedBatches(status: board(), limitBytes: limitBytes, sealing: SealingQueue { _ in [] })
    }

    /// Set when a wait returned: a wait that never ends fails the test instead of hanging it.
    private final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .acquiring) }
        func set() { value.store(true, ordering: .releasing) }
    }

    private func startWaiting(_ sealed: ClosedBatches, _ returned: Flag) -> Task<Void, Never> {
        Task {
            await sealed.waitForRoom()
            returned.set()
        }
    }

    /// Generous: on a loaded 2-core box the cooperative pool can be held for seconds.
    private func settles(_ flag: Flag) async -> Bool {
        await eventually(timeout: .seconds(60), poll: .milliseconds(5)) { flag.isSet }
    }

    /// The wait has begun (its continuation is parked), so what follows really is what resumes it.
    private func parked(_ sealed: ClosedBatches) async -> Bool {
        await eventually(timeout: .seconds(60), poll: .milliseconds(5)) { sealed.roomWaiterCount == 1 }
    }

    @Test func thePipelineWaitsAtTheLimitUntilTheCommitterTakes() async throws {
        let sealed = sealedOnly(limitBytes: 100)
        sealed.add([batch(seq: 1, bytes: 60)])
        let belowLimit = Flag()
        let first = startWaiting(sealed, belowLimit)
        defer { first.cancel() }
        #expect(await settles(belowLimit))

        sealed.add([batch(seq: 2, bytes: 40)])
        let atLimit = Flag()
        let pipeline = startWaiting(sealed, atLimit)
        defer { pipeline.cancel() }
        #expect(await parked(sealed))
        let returnedEarly = atLimit.isSet
        #expect(!returnedEarly, "100 bytes wait: the pipeline must not go on")

        let taken = sealed.takeAll()
        #expect(await settles(atLimit))
        #expect(taken.map(\.seq) == [1, 2])
        #expect(sealed.takeAll().isEmpty)
        #expect(sealed.roomWaiterCount == 0)
    }

    @Test func aCancelledPipelineStopsWaiting() async throws {
        let sealed = sealedOnly(limitBytes: 10)
        sealed.add([batch(seq: 1, bytes: 10)])
        let returned = Flag()
        let pipeline = startWaiting(sealed, returned)
        #expect(await parked(sealed))
        pipeline.cancel()
        #expect(await settles(returned))

        let cancelledFirst = Flag()
        let alreadyCancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await sealed.waitForRoom()
            cancelledFirst.set()
        }
        defer { alreadyCancelled.cancel() }
        #expect(await settles(cancelledFirst))
        #expect(sealed.takeAll().count == 1, "cancelling the wait takes nothing away")
    }

    @Test func finishingReleasesTheWaiterAndNeverBlocksAgain() async throws {
        let sealed = sealedOnly(limitBytes: 10)
        sealed.add([batch(seq: 1, bytes: 50)])
        let returned = Flag()
        let pipeline = startWaiting(sealed, returned)
        defer { pipeline.cancel() }
        #expect(await parked(sealed))
        sealed.finish()
        #expect(await settles(returned))

        let afterFinish = Flag()
        let late = startWaiting(sealed, afterFinish)
        defer { late.cancel() }
        #expect(await settles(afterFinish))
        #expect(sealed.takeAll().count == 1, "the batches are still there for the committer's last take")
    }

    private func waveBatch(samples: Int) -> Batcher.Closed {
        let ecg = ChannelDescriptor(name: "MLII", code: ChannelCode(mdc: 131330), unit: "mV")
        let chunk = WaveformChunk(device: "bed1", channel: ecg, startUnixNs: 0, periodNs: 2_777_778, samples: Array(repeating: 0, count: samples))
        return Batcher.Closed(lane: .wave, content: BatchContent(waveforms: [chunk]), arrivedAt: .now, closedAt: .now)
    }

    /// A wave batch of 25 samples and a sealing queue whose seals wait for `release`, each giving a 1-byte batch.
    private func heldSeal(_ release: DispatchSemaphore) -> (Batcher.Closed, SealingQueue) {
        let sealing = SealingQueue { closed in
            release.wait()
            return closed.enumerated().map { index, _ in batch(seq: 100 + UInt64(index), bytes: 1) }
        }
        return (waveBatch(samples: 25), sealing)
    }

    @Test func batchesBeingSealedCountTheMemoryTheyHoldUntilSealed() async throws {
        let release = DispatchSemaphore(value: 0)
        let (closed, sealing) = heldSeal(release)
        #expect(closed.content.heldBytes - waveBatch(samples: 0).content.heldBytes >= 100, "25 samples of 4 bytes count")
        let limit = closed.content.heldBytes
        let status = board()
        let batches = ClosedBatches(status: status, limitBytes: limit, sealing: sealing)
        batches.add(toSeal: [closed])
        #expect(status.snapshot().sealedUncommitted == 1, "counted as pending from the hand-over on")
        let returned = Flag()
        let pipeline = startWaiting(batches, returned)
        defer { pipeline.cancel() }
        #expect(await parked(batches))
        #expect(batches.takeAll().isEmpty, "nothing to commit before the seal is done")
        try await Task.sleep(for: .milliseconds(100))
        let returnedEarly = returned.isSet
        #expect(!returnedEarly, "a batch being sealed fills the hand-over like a sealed one's payload, take or no take")

        let woke = Flag()
        let committer = Task {
            for await _ in batches.wakes {
                woke.set()
                break
            }
        }
        defer { committer.cancel() }
        release.signal()
        #expect(await settles(returned), "the finished seal, 1 byte now, makes room")
        #expect(await settles(woke), "and wakes the committer")
        #expect(batches.takeAll().map(\.seq) == [100])
    }

    @Test func finishingEndsTheWakesOnlyAfterThePendingSeals() async throws {
        let release = DispatchSemaphore(value: 0)
        let (closed, sealing) = heldSeal(release)
        let batches = ClosedBatches(status: board(), sealing: sealing)
        batches.add(toSeal: [closed, closed])
        batches.finish()
        let ended = Flag()
        let committer = Task {
            for await _ in batches.wakes {}
            ended.set()
        }
        defer { committer.cancel() }
        try await Task.sleep(for: .milliseconds(200))
        let endedEarly = ended.isSet
        #expect(!endedEarly, "the committer's last take must come after the last seal")
        release.signal()
        #expect(await settles(ended))
        #expect(batches.takeAll().map(\.seq) == [100, 101], "both sealed, in order, for the last take")
    }
}
