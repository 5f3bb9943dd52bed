import Foundation
import LocalLab
import Testing

/// Promise 2 against an upstream that keeps going away: nothing is deleted without a good PUBACK,
/// nothing is lost, and the backlog drains fast, alarms first.
@Suite(.serialized) struct UpstreamFaultTests {
    @Test func anUpstreamStoppedAndStartedRepeatedlyLosesNothing() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 2))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        var sent = 0
        for cycle in 0..<4 {
            let traffic = SenMLTraffic.heartRates(count: 400, devices: 2, offset: sent)
            try await lab.publish(Array(traffic.messages[0..<200]))
            lab.upstream.stop()
            try await lab.publish(Array(traffic.messages[200..<400]))
            try await Task.sleep(for: .milliseconds(300 + cycle * 200))
            try await lab.restartUpstreamReceiverFirst()
            sent += 400
        }
        let complete = await eventually(timeout: .seconds(60)) { lab.observations().count >= sent }
        let keys = lab.observations().map { "\($0.device)@\($0.effective)" }
        #expect(complete && keys.count == sent, "\(keys.count) of \(sent) delivered")
        #expect(Set(keys).count == keys.count, "each exactly once")
        // Outages closer together than the reconnect back-off can merge into one reconnect.
        #expect(lab.gatewayLogText().components(separatedBy: "upstream connected").count - 1 >= 2, "it reconnected")
    }

    @Test func anOutageLongerThanTheSessionExpiryLosesNothing() async throws {
        var options = GatewayLab.Options(devices: 2)
        options.upstreamSettings = ["sessionExpiry: 2s"]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 200, devices: 2).messages)
        lab.upstream.stop()
        try await lab.publish(SenMLTraffic.heartRates(count: 400, devices: 2, offset: 200).messages)
        // Well past the 2 s session expiry: the broker has forgotten the gateway's session.
        try await Task.sleep(for: .seconds(5))
        try await lab.restartUpstreamReceiverFirst()
        let complete = await eventually(timeout: .seconds(60)) { lab.observations().count >= 600 }
        let keys = lab.observations().map { "\($0.device)@\($0.effective)" }
        #expect(complete && keys.count == 600, "\(keys.count) of 600: the queue, not the broker's session, carries the backlog")
        #expect(Set(keys).count == keys.count)
    }

    @Test func aLongOutageDrainsAlarmsFirstAndFasterThanRealTime() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 4))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        lab.upstream.stop()
        let outageStart = ContinuousClock.now
        var sent = 0
        for _ in 0..<20 {
            try await lab.publish(SenMLTraffic.heartRates(count: 200, devices: 4, offset: sent).messages)
            sent += 200
            try await Task.sleep(for: .milliseconds(200))
        }
        let start = SenMLTraffic.baseMs + 1_000_000
        try await lab.publish((0...7).map { step in
            (topic: "sensors/dev3/vitals", payload: SenMLTraffic.pack(device: "dev3", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 83)]))
        })
        #expect(await eventually(timeout: .seconds(10)) { ((try? lab.queueFigures().rows[1]) ?? 0) >= 1 }, "the alarm waits in the queue")
        let outage = ContinuousClock.now - outageStart
        let backlog = try lab.queueFigures().rows.values.reduce(0, +)
        let before = try lab.receivedBatches().count

        let connections = lab.gatewayLogText().components(separatedBy: "upstream connected").count
        try await lab.restartUpstreamReceiverFirst()
        // Timed from the reconnection: the wait before it is the reconnect back-off's (jittered, up to
        // seconds after an outage like this), not the drain's.
        let reconnected = await eventually(timeout: .seconds(40), poll: .milliseconds(20)) {
            lab.gatewayLogText().components(separatedBy: "upstream connected").count > connections
        }
        #expect(reconnected, "the gateway reconnects")
        let drainStart = ContinuousClock.now
        let drained = await eventually(timeout: .seconds(60), poll: .milliseconds(50)) { (try? lab.queueFigures().rows.values.reduce(0, +)) == 0 }
        let drainTime = ContinuousClock.now - drainStart
        #expect(drained, "the backlog drains")
        #expect(await eventually(timeout: .seconds(30)) { lab.observations().count >= sent + 8 })
        let after = try lab.receivedBatches().dropFirst(before)
        #expect(after.first?.lane == 1, "the alarm goes first: \(after.prefix(4).map(\.lane))")
        let seconds = Double(drainTime.components.seconds) + Double(drainTime.components.attoseconds) / 1e18
        let outageSeconds = Double(outage.components.seconds) + Double(outage.components.attoseconds) / 1e18
        print("drain: \(backlog) batches (\(sent + 8) readings, \(String(format: "%.1f", outageSeconds)) s of outage) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", Double(backlog) / max(seconds, 0.001))) batches/s, \(String(format: "%.0f", outageSeconds / max(seconds, 0.001))) x real time")
        #expect(seconds < outageSeconds, "faster than real time")
    }
}
