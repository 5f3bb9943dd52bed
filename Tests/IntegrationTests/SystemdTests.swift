import Foundation
import LocalLab
import Testing

/// The systemd contract: sd_notify messages from the real daemon, and a unit file systemd accepts.
@Suite(.serialized) struct SystemdTests {
    @Test func theDaemonNotifiesReadyPetsTheWatchdogAndSaysStopping() async throws {
        let lab = try GatewayLab(GatewayLab.Options(devices: 1))
        defer { lab.stopAll(); lab.dir.remove() }
        let socket = try NotifySocket(path: lab.dir.file("notify.sock"))
        defer { socket.close() }
        try lab.startGateway(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])
        var messages: [String] = []
        let ready = await eventually(timeout: .seconds(20)) {
            messages += socket.drain()
            return messages.contains { $0.contains("READY=1") } && messages.filter { $0.contains("WATCHDOG=1") }.count >= 2
        }
        #expect(ready, "got \(messages); log:\n\(lab.gatewayLogText().suffix(1500))")
        #expect(messages.contains { $0.contains("STATUS=queue ") && $0.contains("upstream") }, "\(messages)")
        #expect(lab.stopGateway() == 0)
        messages += socket.drain()
        #expect(messages.contains { $0.contains("STOPPING=1") }, "\(messages)")
    }

    @Test func theUnitFilePassesSystemdAnalyzeVerify() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            Issue.record("systemd-analyze is not installed")
            return
        }
        let dir = TempDirectory(prefix: "vitalgate-unit")
        defer { dir.remove() }
        // The unit names the installed binary; verify it against the one just built.
        let unit = try String(contentsOfFile: GatewayLab.repository + "/Systemd/vitalgate.service", encoding: .utf8)
            .replacingOccurrences(of: "/usr/bin/vitalgate", with: GatewayLab.binary)
        try unit.write(toFile: dir.file("vitalgate.service"), atomically: true, encoding: .utf8)
        // verify exits 0 even for lines it ignores and reports them on stderr, so read both streams.
        let report = dir.file("verify.txt")
        let child = try ChildProcess.spawn("/usr/bin/systemd-analyze", ["verify", dir.file("vitalgate.service")], stdoutPath: report, stderrPath: report)
        #expect(child.waitForExit(timeout: .seconds(60)) == 0)
        let output = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let problems = output.split(separator: "\n").filter { !$0.contains("network-online.target") && !$0.contains("mosquitto.service") }
        #expect(problems.isEmpty, "systemd-analyze verify: \(output)")
        for directive in ["Type=notify", "WatchdogSec=", "Restart=always", "NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet=", "LoadCredential=gateway.key", "SupplementaryGroups=dialout"] {
            #expect(unit.contains(directive), "the unit sets \(directive)")
        }
    }
}

/// A Unix datagram socket standing in for systemd's notification socket.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SupportError("socket failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw SupportError("bind \(path) failed: \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }

    /// Every datagram waiting now.
    func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return messages }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    func close() { Glibc.close(fd) }
}
