import Foundation

/// A real child process that tests start and end by PID; output can go to files for post-mortems.
///
/// Spawned with posix_spawn rather than Foundation.Process: Process inherits the calling thread's signal mask, and
/// Swift concurrency threads block SIGTERM and friends, so a child like mosquitto would never see our SIGTERM.
public final class ChildProcess: @unchecked Sendable {  // `exitStatus` is guarded by `lock`
    public let pid: Int32
    public let executable: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    private init(pid: Int32, executable: String) {
        self.pid = pid
        self.executable = executable
    }

    /// Starts `path` with `args`; stdout/stderr are appended to the given files, or discarded.
    /// `environment` replaces the parent's environment when given.
    public static func spawn(
        _ path: String, _ args: [String], environment: [String: String]? = nil,
        stdoutPath: String? = nil, stderrPath: String? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let appendFlags = O_WRONLY | O_CREAT | O_APPEND
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath ?? "/dev/null", appendFlags, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", appendFlags, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray([path] + args)
        let env = CStringArray((environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" })
        var pid: pid_t = 0
        let rc = argv.withPointer { argvPointer in
            env.withPointer { envPointer in
                posix_spawn(&pid, path, &actions, &attributes, argvPointer, envPointer)
            }
        }
        guard rc == 0 else {
            throw SupportError("cannot start \(path): \(String(cString: strerror(rc)))")
        }
        return ChildProcess(pid: pid, executable: path)
    }

    /// Runs a command to completion and returns its stdout; throws with stderr if it exits non-zero.
    @discardableResult
    public static func run(_ path: String, _ args: [String], timeout: Duration = .seconds(60)) throws -> String {
        let scratch = TempDirectory(prefix: "childprocess-run")
        defer { scratch.remove() }
        let out = scratch.file("stdout")
        let err = scratch.file("stderr")
        let child = try spawn(path, args, stdoutPath: out, stderrPath: err)
        let command = ([path] + args).joined(separator: " ")
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill9()
            throw SupportError("\(command) did not finish within \(timeout)")
        }
        guard status == 0 else {
            let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            throw SupportError("\(command) exited with \(status): \(stderr)")
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Runs a command to completion and returns its exit status with stdout and stderr together.
    public static func capture(_ path: String, _ args: [String], timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String) {
        let scratch = TempDirectory(prefix: "childprocess-capture")
        defer { scratch.remove() }
        let out = scratch.file("output")
        let child = try spawn(path, args, stdoutPath: out, stderrPath: out)
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill9()
            throw SupportError("\(([path] + args).joined(separator: " ")) did not finish within \(timeout)")
        }
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    public var isRunning: Bool { reap() == nil }

    /// Sends `sig` unless the process has already been reaped (its PID may belong to someone else by then).
    public func signal(_ sig: Int32) {
        lock.withLock {
            if exitStatus == nil { _ = kill(pid, sig) }
        }
    }

    /// Waits for the process to exit; returns its exit code (128 + signal number if a signal ended it), or nil on
    /// timeout.
    public func waitForExit(timeout: Duration) -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let status = reap() { return status }
            if clock.now >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// SIGKILL and reap; for processes that ignored SIGTERM, or tests simulating a crash.
    public func kill9() {
        signal(SIGKILL)
        _ = waitForExit(timeout: .seconds(10))
    }

    /// SIGTERM, then SIGKILL if the process is still alive after `grace`.
    public func terminate(grace: Duration = .seconds(5)) {
        guard isRunning else { return }
        signal(SIGTERM)
        if waitForExit(timeout: grace) == nil { kill9() }
    }

    /// Collects the exit status if the child has exited (without blocking); nil while it runs.
    private func reap() -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            // The W* macros are not imported into Swift; this is their Linux/glibc encoding.
            let signal = status & 0x7f
            exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return exitStatus
        }
    }
}

/// A NULL-terminated `char *[]` that lives as long as this value.
private final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func withPointer<T>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        // Never empty (it always holds the terminating nil), so the base address exists.
        pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
