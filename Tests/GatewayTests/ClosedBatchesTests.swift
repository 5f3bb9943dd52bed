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
        let sealed = ClosedBatches(status: board(), limitBytes: 100)
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
        #expect(taken.sealed.map(\.seq) == [1, 2])
        #expect(sealed.takeAll().isEmpty)
        #expect(sealed.roomWaiterCount == 0)
    }

    @Test func aCancelledPipelineStopsWaiting() async throws {
        let sealed = ClosedBatches(status: board(), limitBytes: 10)
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
        let sealed = ClosedBatches(status: board(), limitBytes: 10)
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

    @Test func batchesLeftToSealCountTheirEstimateAgainstTheLimit() async throws {
        let status = board()
        let batches = ClosedBatches(status: status, limitBytes: 100)
        let device = DeviceInfo(id: "bed1", profile: "senml-vitals")
        let closed = Batcher.Closed(lane: .vital, content: BatchContent(devices: [device]), arrivedAt: .now, estimatedBytes: 100)
        batches.add(toSeal: [closed])
        batches.add([batch(seq: 7, bytes: 1)])
        #expect(status.snapshot().sealedUncommitted == 2, "counted as pending from the hand-over on")
        let returned = Flag()
        let pipeline = startWaiting(batches, returned)
        defer { pipeline.cancel() }
        #expect(await parked(batches))
        let returnedEarly = returned.isSet
        #expect(!returnedEarly, "a closed batch's estimate fills the hand-over like a sealed one's payload")

        let taken = batches.takeAll()
        #expect(await settles(returned))
        #expect(taken.sealed.map(\.seq) == [7] && taken.toSeal.map(\.lane) == [.vital] && taken.count == 2)
    }
}
