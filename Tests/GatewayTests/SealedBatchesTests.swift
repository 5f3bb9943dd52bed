import Foundation
import LocalLab
import Store
import Synchronization
import Testing

@testable import Gateway

/// The bounded hand-over from the pipeline to the committer.
@Suite struct SealedBatchesTests {
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

    private func startWaiting(_ sealed: SealedBatches, _ returned: Flag) -> Task<Void, Never> {
        Task {
            await sealed.waitForRoom()
            returned.set()
        }
    }

    private func settles(_ flag: Flag) async -> Bool {
        await eventually(timeout: .seconds(10), poll: .milliseconds(5)) { flag.isSet }
    }

    @Test func thePipelineWaitsAtTheLimitUntilTheCommitterTakes() async throws {
        let sealed = SealedBatches(status: board(), limitBytes: 100)
        sealed.add([batch(seq: 1, bytes: 60)])
        let belowLimit = Flag()
        _ = startWaiting(sealed, belowLimit)
        #expect(await settles(belowLimit))

        sealed.add([batch(seq: 2, bytes: 40)])
        let atLimit = Flag()
        let pipeline = startWaiting(sealed, atLimit)
        try await Task.sleep(for: .milliseconds(200))
        let returnedEarly = atLimit.isSet
        #expect(!returnedEarly, "100 bytes wait: the pipeline must not go on")

        let taken = sealed.takeAll()
        #expect(await settles(atLimit))
        #expect(taken.map(\.seq) == [1, 2])
        #expect(sealed.takeAll().isEmpty)
        pipeline.cancel()
    }

    @Test func aCancelledPipelineStopsWaiting() async throws {
        let sealed = SealedBatches(status: board(), limitBytes: 10)
        sealed.add([batch(seq: 1, bytes: 10)])
        let returned = Flag()
        let pipeline = startWaiting(sealed, returned)
        try await Task.sleep(for: .milliseconds(100))
        pipeline.cancel()
        #expect(await settles(returned))

        let cancelledFirst = Flag()
        Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await sealed.waitForRoom()
            cancelledFirst.set()
        }
        #expect(await settles(cancelledFirst))
        #expect(sealed.takeAll().count == 1, "cancelling the wait takes nothing away")
    }

    @Test func finishingReleasesTheWaiterAndNeverBlocksAgain() async throws {
        let sealed = SealedBatches(status: board(), limitBytes: 10)
        sealed.add([batch(seq: 1, bytes: 50)])
        let returned = Flag()
        let pipeline = startWaiting(sealed, returned)
        try await Task.sleep(for: .milliseconds(100))
        sealed.finish()
        #expect(await settles(returned))

        let afterFinish = Flag()
        _ = startWaiting(sealed, afterFinish)
        #expect(await settles(afterFinish))
        #expect(sealed.takeAll().count == 1, "the batches are still there for the committer's last take")
        pipeline.cancel()
    }
}
