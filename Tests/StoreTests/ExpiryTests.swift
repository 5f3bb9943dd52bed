import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct ExpiryTests {
    @Test func expiryDropsOldWaveAndVitalButKeepsAlarms() async throws {
        try await withTemporaryDirectory { directory in
            let config = configuration(in: directory, maxAge: .seconds(60))
            var store = try QueueStore.open(config, logger: quietLogger)
            let now: Int64 = 1_750_000_000_000
            let oldWave = pending(store, .wave, createdUnixMs: now - 120_000)
            let oldVital = pending(store, .vital, createdUnixMs: now - 60_001)
            let oldAlarm = pending(store, .alarm, createdUnixMs: now - 3_600_000)
            let edgeVital = pending(store, .vital, createdUnixMs: now - 60_000)
            let newWave = pending(store, .wave, createdUnixMs: now - 10_000)
            _ = try store.append([oldWave, oldVital, oldAlarm, edgeVital, newWave])

            #expect(try await store.expire(now: now) == [.wave: 1, .vital: 1])
            #expect(try store.fetch(lane: .wave, afterID: 0, limit: 10).map(\.payload) == [newWave.payload])
            #expect(try store.fetch(lane: .vital, afterID: 0, limit: 10).map(\.payload) == [edgeVital.payload])
            #expect(try store.fetch(lane: .alarm, afterID: 0, limit: 10).map(\.payload) == [oldAlarm.payload])
            #expect(try await store.expire(now: now) == [:])

            let stats = try store.stats()
            #expect(stats.dropped[.wave]?[.age] == 1)
            #expect(stats.dropped[.vital]?[.age] == 1)
            #expect(stats.dropped[.alarm]?[.age] == 0)
            #expect(stats.oldestCreatedUnixMs == oldAlarm.createdUnixMs)
            try expectMirrorMatchesFile(store)

            // Far in the future everything but the alarm goes; the counters persist.
            #expect(try await store.expire(now: now + 86_400_000) == [.wave: 1, .vital: 1])
            try store.close()
            store = try QueueStore.open(config, logger: quietLogger)
            #expect(try store.stats().dropped[.vital]?[.age] == 2)
            #expect(try allBatches(store).map(\.payload) == [oldAlarm.payload])
            try store.close()
        }
    }
}
