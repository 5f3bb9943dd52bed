import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct AtomicityTests {
    @Test func manyBatchesInOneAppendCommitTogether() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            var store = try QueueStore.open(config, logger: quietLogger)
            let batches = (0..<1000).map { index in pending(store, Lane.allCases[index % 3], size: 100 + index) }
            let outcome = try store.append(batches)
            #expect(outcome.stored.count == 1000)
            try store.close()
            store = try QueueStore.open(config, logger: quietLogger)
            #expect(Set(try allBatches(store).map(\.seq)) == Set(batches.map(\.seq)))
            try store.close()
        }
    }

    /// The last batch of a large append hits the page limit: none of the batches may remain.
    @Test func aFailingAppendLeavesNoneOfItsBatches() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory, maxPageCount: 64), logger: quietLogger)
            let before = try store.append([pending(store, .alarm, size: 500)])
            let batches = (0..<100).map { _ in pending(store, .vital, size: 4000) }
            let error = #expect(throws: QueueError.self) { try store.append(batches) }
            #expect(error?.isDiskFull == true)
            #expect(try allBatches(store).map(\.id) == before.stored)
            #expect(try store.stats().totalBatches == 1)
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }

    @Test func aSeqBeyondInt64IsRefusedBeforeAnythingIsWritten() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            let batches = [
                pending(store, .vital),
                PendingBatch(lane: .vital, seq: .max, createdUnixMs: 0, payload: Data([1])),
            ]
            let error = #expect(throws: QueueError.self) { try store.append(batches) }
            #expect(error?.kind == .invalidArgument)
            #expect(try store.stats().totalBatches == 0)
            try store.close()
        }
    }
}
