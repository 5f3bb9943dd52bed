import Foundation
import LocalLab
import Testing

/// The store-and-forward spine end to end: real brokers, real TLS, the real binary.
@Suite(.serialized) struct SpineTests {
    @Test func tenThousandMessagesArriveOnceWithCodesUnitsAndTimes() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 5))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        let traffic = SenMLTraffic.heartRates(count: 10_000, devices: 5)
        try await lab.publish(traffic.messages)
        let complete = await eventually(timeout: .seconds(90)) { lab.observations().count >= 10_000 }
        let readings = lab.observations()
        #expect(complete, "received \(readings.count) of 10000; gateway log:\n\(lab.gatewayLogText().suffix(3000))")
        #expect(readings.count == 10_000, "no duplicates")
        let byKey = Dictionary(grouping: readings) { "\($0.device)@\($0.effective)" }
        for sent in traffic.sent {
            let key = "\(sent.device)@\(SenMLTraffic.isoTime(sent.timeMs))"
            guard let found = byKey[key], found.count == 1, let reading = found.first else {
                Issue.record("reading \(key) arrived \(byKey[key]?.count ?? 0) times")
                continue
            }
            #expect(reading.value == sent.value)
            #expect(reading.loinc == "8867-4" && reading.mdc == "147842" && reading.unit == "/min")
            #expect(reading.patient == "Patient/p-\(sent.device.dropFirst(3))")
        }
        #expect(lab.stopGateway() == 0, "a SIGTERM stop exits cleanly")
    }

    @Test func killNineLosesAtMostTheOpenBatchAndNothingCommitted() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 3, vitalLatency: "500ms"))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        let traffic = SenMLTraffic.heartRates(count: 6000, devices: 3)
        var publishedAt: [Int64: ContinuousClock.Instant] = [:]
        var killedAt: ContinuousClock.Instant?
        for slice in 0..<60 {
            let part = Array(traffic.messages[(slice * 100)..<((slice + 1) * 100)])
            try await lab.publish(part)
            let now = ContinuousClock.now
            for sent in traffic.sent[(slice * 100)..<((slice + 1) * 100)] { publishedAt[sent.timeMs] = now }
            if slice == 30 {
                lab.killGateway()
                killedAt = .now
            }
            if slice == 40 { try lab.startGateway() }
            try await Task.sleep(for: .milliseconds(30))
        }
        // Some readings of the killed process's open batch are expected to be missing, so wait
        // until the receiver's output stops growing rather than for all 6000.
        var last = -1
        _ = await eventually(timeout: .seconds(60), poll: .seconds(2)) {
            let count = lab.observations().count
            defer { last = count }
            return count == 6000 || (count == last && count > 5000)
        }
        let readings = lab.observations()
        let keys = readings.map { "\($0.device)@\($0.effective)" }
        #expect(Set(keys).count == keys.count, "no reading arrives twice")
        let received = Set(keys)
        let lost = traffic.sent.filter { !received.contains("\($0.device)@\(SenMLTraffic.isoTime($0.timeMs))") }
        // Only readings taken in during the last open-batch window before the kill may be lost:
        // maxLatency 500 ms, plus the slice being published when the kill landed.
        let window = Duration.milliseconds(500 + 400)
        let ages = lost.map { killedAt! - publishedAt[$0.timeMs]! }
        let outside = ages.filter { $0 < .zero || $0 > window }
        #expect(outside.isEmpty, "\(outside.count) lost readings lie outside the in-memory window; ages \(ages.min().map { "\($0)" } ?? "-")…\(ages.max().map { "\($0)" } ?? "-")")
        #expect(lost.count < 1000, "lost \(lost.count) readings")
        print("kill -9: \(lost.count) of 6000 readings lost inside the in-memory window")
    }

    /// With the alarm connection (the default) and without it: either way the alarm is the first batch after an outage.
    @Test(arguments: [true, false])
    func anUpstreamOutageDrainsAfterwardsAlarmsFirst(alarmConnection: Bool) async throws {
        var options = GatewayLab.Options(devices: 2)
        options.upstreamSettings = ["alarmConnection: \(alarmConnection)"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 200, devices: 2).messages)
        #expect(await eventually(timeout: .seconds(30)) { lab.observations().count >= 200 })
        let before = try lab.receivedBatches().count

        lab.upstream.stop()
        for part in 0..<5 {
            try await lab.publish(SenMLTraffic.heartRates(count: 400, devices: 2, offset: 200 + part * 400).messages)
            try await Task.sleep(for: .milliseconds(400))
        }
        // A desaturation: SpO2 below 90 for more than the rule's 5 s condition delay, raised on the alarm lane.
        let start = SenMLTraffic.baseMs + 100_000
        let desaturation = (0...7).map { step in
            (topic: "sensors/dev0/vitals", payload: SenMLTraffic.pack(device: "dev0", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 84)]))
        }
        try await lab.publish(desaturation)
        #expect(await eventually(timeout: .seconds(10)) { ((try? lab.queueFigures().rows[1]) ?? 0) >= 1 }, "the alarm is queued during the outage")
        let queuedVital = try lab.queueFigures().rows[2] ?? 0
        #expect(queuedVital > 1, "a backlog of vital batches built up")

        try await lab.restartUpstreamReceiverFirst()
        #expect(await eventually(timeout: .seconds(60)) { lab.observations().count >= 2208 }, "everything sent during the outage arrives")
        let after = try lab.receivedBatches().dropFirst(before)
        #expect(after.first?.lane == 1, "the first batch after the outage is the alarm: \(after.prefix(5).map(\.lane))")
        // The SpO2 limit alarm, once; NEWS2 escalations of the same patient are DetectedIssues too.
        let issues = lab.resources().filter {
            $0["resourceType"] as? String == "DetectedIssue" && (($0["code"] as? [String: Any])?["text"] as? String)?.hasPrefix("below-90") == true
        }
        #expect(issues.count == 1 && issues.first?["severity"] as? String == "high", "\(issues)")
        // When the receiver wrote it, so the platform sees how late an alarm raised during the outage came.
        let written = (issues.first?["meta"] as? [String: Any])?["lastUpdated"] as? String ?? ""
        #expect(written > (issues.first?["identifiedDateTime"] as? String ?? "~"), "written after it was raised: \(issues)")
    }

    @Test func aTinyQueueEvictsWaveBeforeVitalAndNeverAlarms() async throws {
        let waveProfile = """
            name: senml-wave-test
            transport: mqtt
            decoder: senml
            lane: wave
            channels:
              pleth: { mdc: 150452, unit: "1" }

            """
        var options = GatewayLab.Options(devices: 1, storeMaxBytes: "64KiB", vitalLatency: "50ms")
        options.extraProfiles = ["senml-wave-test": waveProfile]
        options.extraDevices = ["  - { id: wave0, profile: senml-wave-test, topic: sensors/wave0/# }"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        lab.upstream.stop()
        try await lab.startGatewayAndWait(upstream: false)
        func burst(_ device: String, _ name: String, from: Int, count: Int, value: Double) -> [(topic: String, payload: String)] {
            (from..<(from + count)).map { index in
                let records = (0..<20).map { (name: name, unit: "1", value: value + Double($0)) }
                return (topic: "sensors/\(device)/x", payload: SenMLTraffic.pack(device: device, timeMs: SenMLTraffic.baseMs + Int64(index) * 1000, records: records))
            }
        }
        for round in 0..<12 {
            try await lab.publish(burst("wave0", "pleth", from: round * 40, count: 40, value: 1))
            try await lab.publish(burst("dev0", "hr", from: round * 40, count: 40, value: 70))
            try await Task.sleep(for: .milliseconds(120))
        }
        // Alarms: HR above 120 at once and clear again, several times.
        for cycle in 0..<5 {
            let time = SenMLTraffic.baseMs + 900_000 + Int64(cycle) * 20_000
            let messages = [140.0, 140, 140, 140, 140, 140, 140, 70].enumerated().map { step, value in
                (topic: "sensors/dev0/vitals", payload: SenMLTraffic.pack(device: "dev0", timeMs: time + Int64(step) * 1000, records: [("hr", "beat/min", value)]))
            }
            try await lab.publish(messages)
        }
        let settled = await eventually(timeout: .seconds(20)) { ((try? lab.queueFigures().rows[1]) ?? 0) >= 10 }
        let figures = try lab.queueFigures()
        #expect(settled, "alarm batches queued: \(figures.rows)")
        #expect((figures.drops["3/full"] ?? 0) > 0, "wave batches were evicted: \(figures.drops)")
        #expect(figures.drops["1/full"] == nil && figures.drops["1/rejected"] == nil, "alarms are never dropped: \(figures.drops)")
        #expect((figures.rows[3] ?? 0) < (figures.rows[2] ?? 0) || (figures.rows[3] ?? 0) == 0, "wave goes first: \(figures.rows)")
        #expect(lab.gatewayLogText().contains("queue full"), "the eviction is logged")
    }
}
