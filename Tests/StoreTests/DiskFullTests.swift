import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct DiskFullTests {
    /// `maxPageCount` makes SQLite answer SQLITE_FULL as a full disk would.
    @Test func diskFullIsASurvivableErrorAndNothingStoredIsLost() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory, maxPageCount: 48)
            var store = try QueueStore.open(config, logger: quietLogger)
            var stored: [PendingBatch] = []
            var failure: QueueError?
            for _ in 0..<200 {
                let batch = pending(store, .vital, size: 3000)
                do {
                    _ = try store.append([batch])
                    stored.append(batch)
                } catch let error as QueueError {
                    failure = error
                    break
                }
            }
            let error = try #require(failure, "the page limit never filled")
            #expect(error.isDiskFull)
            #expect(error.kind == .diskFull)
            #expect(stored.count > 5)

            // Nothing committed before is lost, and the mirror did not count the failed batch.
            let statsAfterFailure = try store.stats()
            #expect(try allBatches(store).map(\.payload) == stored.map(\.payload))
            #expect(statsAfterFailure.totalBatches == stored.count)
            try expectMirrorMatchesFile(store)

            // Still full: a multi-batch append fails as a whole, atomically.
            let many = (0..<10).map { _ in pending(store, .alarm, size: 3000) }
            #expect(throws: QueueError.self) { try store.append(many) }
            #expect(try store.stats() == statsAfterFailure)

            // Space returns when rows are deleted (freed pages are reused)...
            let oldest = try store.fetch(lane: .vital, afterID: 0, limit: 3)
            try store.delete(ids: oldest.map(\.id))
            let retry = pending(store, .alarm, size: 3000)
            #expect(try store.append([retry]).stored.count == 1)
            try expectMirrorMatchesFile(store)
            try store.close()

            // ...or when the limit is raised.
            store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            #expect(try store.append(many).stored.count == many.count)
            #expect(try store.stats().totalBatches == stored.count - 3 + 1 + many.count)
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }
}
