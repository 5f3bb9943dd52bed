import Foundation
import LocalLab
import Testing

/// A queue on a real, small filesystem that fills up: the gateway says it is degraded, alarms still
/// reach the platform from memory, and everything resumes without a restart once there is room.
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
struct DiskFullTests {
    @Test func aFullDiskDegradesKeepsAlarmsFlowingAndRecoversWithoutARestart() async throws {
        var options = GatewayLab.Options(devices: 2)
        options.storePath = "disk/queue.sqlite"
        let lab = try GatewayLab(options)
        let disk = lab.dir.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk])
        defer {
            lab.stopAll()
            _ = try? ChildProcess.run("/bin/umount", ["-l", disk])
            lab.dir.remove()
        }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 100, devices: 2).messages)
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 100 })

        // Fill the filesystem to the last byte.
        let junk = disk + "/junk"
        _ = try? ChildProcess.capture("/bin/dd", ["if=/dev/zero", "of=\(junk)", "bs=4k"])
        let socket = lab.dir.file("api.sock")
        func isDegraded() -> Bool {
            let status = try? ChildProcess.capture(GatewayLab.binary, ["status", "--json", "--socket", socket])
            let document = (try? JSONSerialization.jsonObject(with: Data((status?.output ?? "").utf8))) as? [String: Any]
            return ((document?["queue"] as? [String: Any])?["degraded"] as? String)?.isEmpty == false
        }
        // Free pages and the WAL absorb a while; keep the readings coming until commits fail.
        var sent = 100
        var degraded = false
        while sent < 20_100, !degraded {
            try await lab.publish(SenMLTraffic.heartRates(count: 1000, devices: 2, offset: sent).messages)
            sent += 1000
            degraded = await eventually(timeout: .seconds(2)) { isDegraded() }
        }
        #expect(degraded, "status says degraded: \(lab.gatewayLogText().suffix(1500))")
        #expect(lab.gatewayLogText().contains("queue commit failed"), "and the log says why")

        let start = SenMLTraffic.baseMs + 900_000
        try await lab.publish((0...7).map { step in
            (topic: "sensors/dev1/vitals", payload: SenMLTraffic.pack(device: "dev1", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 82)]))
        })
        let alarmed = await eventually(timeout: .seconds(20)) {
            lab.resources().contains { ($0["code"] as? [String: Any])?["text"] as? String == "below-90 raised" }
        }
        #expect(alarmed, "the alarm reaches the platform from memory while the disk is full")
        #expect(FileManager.default.fileExists(atPath: junk), "(the disk was still full)")

        try FileManager.default.removeItem(atPath: junk)
        let recovered = await eventually(timeout: .seconds(60)) { lab.observations().count >= sent + 8 }
        #expect(recovered, "everything held in memory is committed and delivered once there is room: \(lab.observations().count)")
        #expect(lab.gatewayLogText().contains("queue commits work again"))
        let keys = lab.observations().map { "\($0.device)@\($0.effective)" }
        #expect(Set(keys).count == keys.count, "nothing twice")
        #expect(lab.gateway?.isRunning == true, "no restart")
    }
}
