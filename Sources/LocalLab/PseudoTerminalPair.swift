import Foundation

/// Two linked pseudo-terminals made by socat: the gateway opens `devicePath` as if it were a
/// serial device, a simulator or test writes to `peerPath`. Stopping socat closes both ends,
/// as when a USB adapter is unplugged; `start()` again brings the device back at the same path.
public final class PseudoTerminalPair: @unchecked Sendable {  // `child` is guarded by `lock`
    public let devicePath: String
    public let peerPath: String
    private let lock = NSLock()
    private var child: ChildProcess?

    public init(devicePath: String, peerPath: String) {
        self.devicePath = devicePath
        self.peerPath = peerPath
    }

    deinit { stop() }

    /// Starts socat and waits until both links exist.
    public func start() throws {
        stop()
        let process = try ChildProcess.spawn(
            "/usr/bin/socat",
            ["pty,raw,echo=0,link=\(devicePath)", "pty,raw,echo=0,link=\(peerPath)"],
            stdoutPath: "/dev/null", stderrPath: "/dev/null"
        )
        lock.withLock { child = process }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: devicePath), FileManager.default.fileExists(atPath: peerPath) { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw SupportError("socat did not create \(devicePath) and \(peerPath)")
    }

    /// Stops socat (by its PID); both ends close and the links disappear.
    public func stop() {
        let running = lock.withLock { () -> ChildProcess? in
            defer { child = nil }
            return child
        }
        guard let running else { return }
        running.signal(SIGTERM)
        if running.waitForExit(timeout: .seconds(5)) == nil { running.kill9() }
    }

    /// Opens the peer end for writing, as a device would.
    public func openPeer() throws -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: peerPath) else { throw SupportError("cannot open \(peerPath)") }
        return handle
    }
}
