import Foundation
import LocalLab
import Testing

/// Promise 1 under a crash loop: the gateway is killed with SIGKILL at random moments while devices
/// stream, and restarted each time. Every reading whose batch was committed arrives exactly once;
/// the only readings lost were still in memory (the open batch) when a kill landed.
///
/// `make test` runs a short loop; `make soak` sets VITALGATE_SOAK_KILLS (e.g. 25) for the long one.
@Suite(.serialized) struct CrashLoopTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["VITALGATE_SOAK_KILLS"] ?? "") ?? 4 }

    /// When each reading was being handed to the sensor broker (from the first publish of its slice
    /// to the last PUBACK), and when each kill landed.
    final class Timeline: @unchecked Sendable {
        private let lock = NSLock()
        private var published: [Int64: ClosedRange<ContinuousClock.Instant>] = [:]
        private(set) var kills: [ContinuousClock.Instant] = []

        func published(_ times: [Int64], during span: ClosedRange<ContinuousClock.Instant>) {
            lock.withLock { for time in times { published[time] = span } }
        }

        func killed(at instant: ContinuousClock.Instant) { lock.withLock { kills.append(instant) } }

        func publishedDuring(_ time: Int64) -> ClosedRange<ContinuousClock.Instant>? { lock.withLock { published[time] } }
    }

    @Test func randomKillsLoseOnlyTheInMemoryWindowAndDuplicateNothing() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 3, vitalLatency: "500ms"))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        let slices = 40 + Self.kills * 40
        let traffic = SenMLTraffic.heartRates(count: slices * 50, devices: 3)
        let timeline = Timeline()
        let publisher = Task {
            for slice in 0..<slices {
                let range = (slice * 50)..<((slice + 1) * 50)
                let start = ContinuousClock.now
                try await lab.publish(Array(traffic.messages[range]))
                timeline.published(traffic.sent[range].map(\.timeMs), during: start...ContinuousClock.now)
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        var random = SplitMix64(seed: 20261129)
        var restartedAt: [ContinuousClock.Instant] = []
        for _ in 0..<Self.kills {
            try await Task.sleep(for: .milliseconds(800 + Int(random.unit() * 2000)))
            lab.killGateway()
            timeline.killed(at: .now)
            try await Task.sleep(for: .milliseconds(100 + Int(random.unit() * 900)))
            try lab.startGateway()
            restartedAt.append(.now)
        }
        try await publisher.value

        var last = -1
        _ = await eventually(timeout: .seconds(90), poll: .seconds(2)) {
            let count = lab.observations().count
            defer { last = count }
            return count == traffic.sent.count || (count == last && count > 0)
        }
        let keys = lab.observations().map { "\($0.device)@\($0.effective)" }
        #expect(Set(keys).count == keys.count, "no reading is written twice")
        let received = Set(keys)
        let lost = traffic.sent.filter { !received.contains("\($0.device)@\(SenMLTraffic.isoTime($0.timeMs))") }
        // A lost reading must have reached the gateway within the open-batch window (500 ms, plus
        // scheduling slack) before some kill: that is what was only in the killed process's memory.
        let window = Duration.milliseconds(500 + 400)
        let unexplained = lost.filter { sent in
            guard let span = timeline.publishedDuring(sent.timeMs) else { return true }
            return !timeline.kills.contains { kill in span.lowerBound <= kill && span.upperBound >= kill - window }
        }
        #expect(unexplained.isEmpty, "\(unexplained.count) lost readings were not in memory at any kill")
        _ = lab.stopGateway()
        lab.stopAll()
        let duplicates = lab.receiverLogText().firstMatch(of: /duplicates (\d+)/).map { Int($0.1) ?? -1 } ?? -1
        print("crash loop: \(Self.kills) kills, \(traffic.sent.count) readings sent, \(keys.count) delivered once, \(lost.count) lost inside the in-memory window, \(duplicates) duplicate batches dropped by the receiver")
    }
}
