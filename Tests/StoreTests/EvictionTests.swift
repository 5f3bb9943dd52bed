import LocalLab
import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct EvictionTests {
    /// Walks a 1000-byte queue through every eviction rule and checks rows and counters at each step.
    @Test func evictsWaveThenVitalNeverAlarmAndCountsEverything() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory, maxBytes: 1000)
            let recorder = LogRecorder()
            var store = try QueueStore.open(config, logger: recorder.logger)
            func add(_ lane: Lane, _ size: Int) throws -> (PendingBatch, AppendOutcome) {
                let batch = pending(store, lane, size: size)
                return (batch, try store.append([batch]))
            }
            func payloads(_ lane: Lane) throws -> [Data] {
                try store.fetch(lane: lane, afterID: 0, limit: 100).map(\.payload)
            }

            // 1. Exactly full: 4 waves, 4 vitals, 2 alarms of 100 bytes.
            var waves: [PendingBatch] = []
            var vitals: [PendingBatch] = []
            var alarms: [PendingBatch] = []
            for _ in 0..<4 { waves.append(pending(store, .wave, size: 100)) }
            for _ in 0..<4 { vitals.append(pending(store, .vital, size: 100)) }
            for _ in 0..<2 { alarms.append(pending(store, .alarm, size: 100)) }
            var outcome = try store.append(waves + vitals + alarms)
            #expect(outcome.stored.count == 10 && outcome.evicted.isEmpty)
            #expect(try store.stats().totalBytes == 1000)

            // 2. A vital needs 100 bytes: the oldest wave goes, not a vital.
            let v5: PendingBatch
            (v5, outcome) = try add(.vital, 100)
            vitals.append(v5)
            #expect(outcome.evicted == [.wave: 1])
            #expect(try payloads(.wave) == waves[1...].map(\.payload))
            #expect(try payloads(.vital) == vitals.map(\.payload))

            // 3. A 250-byte wave evicts the three remaining (older) waves.
            let w5: PendingBatch
            (w5, outcome) = try add(.wave, 250)
            #expect(outcome.evicted == [.wave: 3])
            #expect(try payloads(.wave) == [w5.payload])

            // 4. A 300-byte wave evicts that 250-byte wave.
            let w6: PendingBatch
            (w6, outcome) = try add(.wave, 300)
            #expect(outcome.evicted == [.wave: 1])
            #expect(try payloads(.wave) == [w6.payload])

            // 5. A 400-byte wave cannot fit without evicting vitals: refused, nothing evicted.
            (_, outcome) = try add(.wave, 400)
            #expect(outcome.rejected == [.wave: 1] && outcome.evicted.isEmpty && outcome.stored.isEmpty)
            #expect(try payloads(.wave) == [w6.payload])

            // 6. A 350-byte vital evicts the wave first, then the oldest vital.
            let v6: PendingBatch
            (v6, outcome) = try add(.vital, 350)
            vitals.append(v6)
            #expect(outcome.evicted == [.wave: 1, .vital: 1])
            #expect(try payloads(.wave).isEmpty)
            #expect(try payloads(.vital) == vitals[1...].map(\.payload))

            // 7. An alarm evicts the oldest vital (no wave left).
            let a3: PendingBatch
            (a3, outcome) = try add(.alarm, 100)
            alarms.append(a3)
            #expect(outcome.evicted == [.vital: 1])
            #expect(try payloads(.vital) == vitals[2...].map(\.payload))
            #expect(try store.stats().totalBytes == 950)

            // 8. A 2000-byte alarm: every vital is evicted and the alarm is stored over the bound.
            let a4: PendingBatch
            (a4, outcome) = try add(.alarm, 2000)
            alarms.append(a4)
            #expect(outcome.evicted == [.vital: 4])
            #expect(outcome.stored.count == 1)
            #expect(try store.stats().totalBytes == 2300)

            // 9. Only alarms left: a vital is refused; 10. another alarm is still stored.
            (_, outcome) = try add(.vital, 10)
            #expect(outcome.rejected == [.vital: 1])
            let a5: PendingBatch
            (a5, outcome) = try add(.alarm, 10)
            alarms.append(a5)
            #expect(outcome.stored.count == 1 && outcome.evicted.isEmpty)

            #expect(try payloads(.alarm) == alarms.map(\.payload))
            let expected: [Lane: [DropReason: Int64]] = [
                .wave: [.full: 6, .age: 0, .rejected: 1],
                .vital: [.full: 6, .age: 0, .rejected: 1],
                .alarm: [.full: 0, .age: 0, .rejected: 0],
            ]
            #expect(try store.stats().dropped == expected)
            try expectMirrorMatchesFile(store)

            // Bad news is logged, once per episode rather than per append.
            let errors = recorder.entries.filter { $0.level == .error }
            #expect(errors.count == 1)
            #expect(errors.first?.message.contains("above its byte bound") == true)
            #expect(recorder.entries.filter { $0.level == .warning && $0.message.contains("queue full") }.count == 1)

            // Counters and rows survive a restart.
            try store.close()
            store = try QueueStore.open(config, logger: quietLogger)
            #expect(try store.stats().dropped == expected)
            #expect(try payloads(.alarm) == alarms.map(\.payload))
            #expect(try store.stats().totalBytes == 2310)
            try store.close()
        }
    }

    @Test func aLaterBatchOfOneAppendMayEvictAnEarlierOne() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory, maxBytes: 1000), logger: quietLogger)
            let first = pending(store, .wave, size: 600)
            let second = pending(store, .wave, size: 600)
            let outcome = try store.append([first, second])
            #expect(outcome.evicted == [.wave: 1])
            #expect(outcome.stored.count == 1)
            let rows = try store.fetch(lane: .wave, afterID: 0, limit: 10)
            #expect(rows.map(\.payload) == [second.payload])
            #expect(rows.map(\.id) == outcome.stored)
            #expect(try store.stats().dropped[.wave]?[.full] == 1)
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }

    @Test func aBatchLargerThanTheWholeBoundIsRefusedWithoutEvictingAnything() throws {
        try withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory, maxBytes: 1000), logger: quietLogger)
            _ = try store.append([pending(store, .wave, size: 100), pending(store, .vital, size: 100)])
            let outcome = try store.append([pending(store, .vital, size: 1001)])
            #expect(outcome.rejected == [.vital: 1])
            #expect(outcome.evicted.isEmpty)
            #expect(try store.stats().totalBatches == 2)
            try store.close()
        }
    }

    @Test func anOverBoundAlarmIsStoredOnAnEmptyQueue() throws {
        try withTemporaryDirectory { directory in
            let config = configuration(in: directory, maxBytes: 100)
            var store = try QueueStore.open(config, logger: quietLogger)
            let alarm = pending(store, .alarm, size: 5000)
            let outcome = try store.append([alarm])
            #expect(outcome.stored.count == 1 && outcome.rejected.isEmpty)
            try store.close()
            store = try QueueStore.open(config, logger: quietLogger)
            #expect(try store.fetch(lane: .alarm, afterID: 0, limit: 10).map(\.payload) == [alarm.payload])
            #expect(try store.stats().totalBytes == 5000)
            try store.close()
        }
    }

    /// Random appends, deletes and expiries against a small bound: the mirror always equals the
    /// file, alarms are never lost, and the bound holds whenever anything but alarms is queued.
    @Test func randomWorkloadKeepsInvariants() async throws {
        try await withTemporaryDirectory { directory in
            let maxBytes: Int64 = 4000
            let store = try QueueStore.open(configuration(in: directory, maxBytes: maxBytes), logger: quietLogger)
            var random = SplitMix64(seed: 42)
            var alarmsAppended = 0
            var alarmsDeleted = 0
            var clock: Int64 = 1_000_000_000
            for step in 0..<400 {
                clock += 1000
                switch random.next() % 10 {
                case 0..<7:
                    let count = Int(random.next() % 4) + 1
                    let batches = (0..<count).map { _ -> PendingBatch in
                        let lane = Lane.allCases[Int(random.next() % 3)]
                        return pending(store, lane, size: Int(random.next() % 700) + 1, createdUnixMs: clock)
                    }
                    alarmsAppended += batches.filter { $0.lane == .alarm }.count
                    let outcome = try store.append(batches)
                    #expect(outcome.rejected[.alarm] == nil && outcome.evicted[.alarm] == nil)
                case 7..<9:
                    let rows = try allBatches(store)
                    let victims = rows.filter { _ in random.next() % 3 == 0 }
                    alarmsDeleted += victims.filter { $0.lane == .alarm }.count
                    try store.delete(ids: victims.map(\.id))
                default:
                    _ = try await store.expire(now: clock - Int64(random.next() % 20) * 1000)
                }
                if step % 10 == 0 { try expectMirrorMatchesFile(store) }
                let stats = try store.stats()
                #expect(stats.lanes[.alarm]?.batches == alarmsAppended - alarmsDeleted)
                let others = stats.lanes[.wave]!.bytes + stats.lanes[.vital]!.bytes
                #expect(others == 0 || stats.totalBytes <= maxBytes)
            }
            try expectMirrorMatchesFile(store)
            try store.close()
        }
    }
}

