import Foundation
import GRDB
import LocalLab
import Testing

/// An alarm goes on the wire while commits wait, not after: a queue file whose writer lock another process
/// holds (a backup tool, say, or an fsync on a slow card) delays commits, not the alarm, whether it is the
/// alarm's own commit that waits or an earlier vital batch's. Once the commit goes through, the alarm's
/// queued row is deleted, not sent a second time.
@Suite(.serialized) struct AlarmDuringCommitTests {
    @Test func anAlarmReachesThePlatformWhileItsCommitWaitsAndIsSentOnce() async throws {
        try await alarmWithTheWriterLocked(vitalCommitWaitingFirst: false)
    }

    @Test func anAlarmRaisedWhileAVitalBatchCommitWaitsIsNotHeldUpByIt() async throws {
        try await alarmWithTheWriterLocked(vitalCommitWaitingFirst: true)
    }

    private func alarmWithTheWriterLocked(vitalCommitWaitingFirst: Bool) async throws {
        var options = GatewayLab.Options(devices: 2)
        // A vital batch closes (and its commit starts) up to 1 s after its first reading (a tick and what delivery
        // lately took earlier), long enough to see it sealed before the alarm.
        options.vitalLatency = "1s"
        options.metrics = "127.0.0.1:\(FreePort.next())"
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 20, devices: 2).messages)
        // Their rows may still be waiting to be deleted when the lock comes: those deletes wait, the uplink does not.
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 20 })
        let counts: @Sendable (String) -> [Double] = { lane in
            let text = (try? lab.scrapeMetrics().text) ?? ""
            return ["sealed", "sent", "acknowledged"].map { GatewayLab.metricValue("vitalgate_batches_\($0)_total{lane=\"\(lane)\"}", in: text) ?? 0 }
        }
        let vitalsSealed = counts("vital")[0]

        // A thread of its own holds the writer lock and watches the gateway's own counts, so a busy test process
        // cannot stretch the lock past the gateway's 5 s busy timeout, which starts with the first commit that
        // waits (it must wait, not fail). Before that, the readings may take their time to arrive.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock spans several accesses
        configuration.busyMode = .timeout(5)  // the gateway may be writing
        let blocker = try DatabaseQueue(path: lab.dir.file(options.storePath), configuration: configuration)
        let lock = WriterLock(blocker, holdAtMost: .seconds(3)) {
            let alarm = counts("alarm")
            // A PUBACK counted by the gateway: the closest sign that the alarm is upstream.
            return WriterLock.Progress(
                started: alarm[0] >= 1 || counts("vital")[0] > vitalsSealed, done: alarm[2] >= 1,
                description: "alarm batches sealed \(Int(alarm[0])), sent \(Int(alarm[1])), acknowledged \(Int(alarm[2]))")
        }
        try await lock.acquired()
        let start = SenMLTraffic.baseMs + 900_000
        if vitalCommitWaitingFirst {
            try await lab.publish([(topic: "sensors/dev0/vitals", payload: SenMLTraffic.pack(device: "dev0", timeMs: start, records: [("hr", "beat/min", 70)]))])
            #expect(await eventually(timeout: .seconds(20)) { counts("vital")[0] > vitalsSealed }, "a vital batch sealed; its commit waits")
        }
        try await lab.publish((0...7).map { step in
            (topic: "sensors/dev1/vitals", payload: SenMLTraffic.pack(device: "dev1", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 82)]))
        })
        let outcome = try await lock.released()
        #expect(outcome.unmet == nil, "the alarm was acknowledged upstream while the queue's writer was locked: \(outcome.unmet ?? "")")
        #expect(outcome.alarmRowsAtRelease == 0, "(its commit was still waiting)")

        var alarm: [Double] = []
        let settled = await eventually(timeout: .seconds(20)) {
            alarm = counts("alarm")
            return (try? lab.queueFigures().rows.values.reduce(0, +)) == 0 && alarm[2] >= 1 && alarm[2] == alarm[0]
        }
        #expect(settled, "the commits went through and the alarm's row was deleted: \(lab.gatewayLogText().suffix(1500))")
        #expect(alarm[0] >= 1 && alarm[1] == alarm[0] && alarm[2] == alarm[0], "each alarm batch sent once, from memory: \(alarm)")
        #expect(!lab.gatewayLogText().contains("queue commit failed"), "commits waited; they did not fail over to the store-failure path")
        let expected = 20 + 8 + (vitalCommitWaitingFirst ? 1 : 0)
        #expect(await eventually(timeout: .seconds(10)) { lab.observations().count >= expected }, "the vitals held by the lock follow")
    }
}
