import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct RoundTripTests {
    @Test func appendFetchDeleteRoundTrip() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            let input = [
                pending(store, .wave, size: 300), pending(store, .alarm, size: 40), pending(store, .vital, size: 120),
                pending(store, .wave, size: 310),
            ]
            let outcome = try store.append(input)
            #expect(outcome.stored.count == 4)
            #expect(outcome.stored == outcome.stored.sorted())
            #expect(Set(outcome.stored).count == 4)
            #expect(outcome.evicted.isEmpty && outcome.rejected.isEmpty)

            let waves = try store.fetch(lane: .wave, afterID: 0, limit: 10)
            #expect(waves.map(\.payload) == [input[0].payload, input[3].payload])
            #expect(waves.map(\.seq) == [input[0].seq, input[3].seq])
            #expect(waves.map(\.createdUnixMs) == [input[0].createdUnixMs, input[3].createdUnixMs])
            #expect(waves.allSatisfy { $0.lane == .wave })
            #expect(waves[0].id < waves[1].id)
            #expect(try store.fetch(lane: .alarm, afterID: 0, limit: 10).map(\.payload) == [input[1].payload])

            // The cursor and the limit page through a lane.
            #expect(try store.fetch(lane: .wave, afterID: waves[0].id, limit: 10).map(\.id) == [waves[1].id])
            #expect(try store.fetch(lane: .wave, afterID: 0, limit: 1).map(\.id) == [waves[0].id])
            #expect(try store.fetch(lane: .wave, afterID: 0, limit: 0).isEmpty)

            var stats = try store.stats()
            #expect(stats.totalBatches == 4)
            #expect(stats.totalBytes == 770)
            #expect(stats.lanes[.wave] == LaneStats(batches: 2, bytes: 610))
            #expect(stats.oldestCreatedUnixMs == input.map(\.createdUnixMs).min())

            // Deleting twice, or an id that never existed, is fine.
            try store.delete(ids: [waves[0].id, waves[0].id, 987_654])
            #expect(try store.fetch(lane: .wave, afterID: 0, limit: 10).map(\.id) == [waves[1].id])
            try store.delete(ids: outcome.stored)
            #expect(try allBatches(store).isEmpty)
            stats = try store.stats()
            #expect(stats.totalBatches == 0 && stats.totalBytes == 0)
            #expect(stats.oldestCreatedUnixMs == nil)
            #expect(stats.dropped.values.allSatisfy { $0.values.allSatisfy { $0 == 0 } })

            // New ids keep increasing after everything was deleted (AUTOINCREMENT).
            let next = try store.append([pending(store, .vital)])
            #expect(next.stored[0] > outcome.stored.max()!)
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }

    @Test func theSuspendingAppendCommitsLikeTheBlockingOne() async throws {
        try await withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory, maxBytes: 1000), logger: quietLogger)
            let first = [pending(store, .wave, size: 600), pending(store, .alarm, size: 40)]
            let outcome = try await store.appendSuspending(first)
            #expect(outcome.stored.count == 2)
            // The same bound and eviction as `append`: the wave makes room for the vital.
            let second = try await store.appendSuspending([pending(store, .vital, size: 500)])
            #expect(second.evicted == [.wave: 1])
            #expect(try store.fetch(lane: .alarm, afterID: 0, limit: 10).map(\.payload) == [first[1].payload])
            #expect(try store.stats().totalBatches == 2)
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }

    @Test func idsAreNeverReusedAfterDeletingTheNewestAndReopening() throws {
        try withTemporaryDirectory { directory in
            var store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            let first = try store.append([pending(store, .vital), pending(store, .vital)]).stored
            try store.delete(ids: first)
            try store.close()
            store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            let second = try store.append([pending(store, .vital)]).stored
            #expect(second[0] > first.max()!)
            try store.close()
        }
    }

    @Test func missingParentDirectoryIsAClearError() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory + "/does/not/exist")
            let error = #expect(throws: QueueError.self) {
                try QueueStore.open(config, logger: quietLogger)
            }
            #expect(error?.kind == .cannotOpen)
            #expect(error?.description.contains("parent directory") == true)
            #expect(!FileManager.default.fileExists(atPath: directory + "/does"))
        }
    }

    @Test func invalidBoundsAreRefused() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: QueueError.self) {
                try QueueStore.open(configuration(in: directory, maxBytes: 0), logger: quietLogger)
            }
            #expect(throws: QueueError.self) {
                try QueueStore.open(configuration(in: directory, maxAge: .zero), logger: quietLogger)
            }
        }
    }
}
