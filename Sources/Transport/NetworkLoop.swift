import CMosquitto
import Foundation

/// Drives libmosquitto's network I/O on a thread we own, used instead of mosquitto_loop_start.
///
/// Why not mosquitto_loop_start: its loop reconnects by itself, can only be stopped from outside by pthread_cancel
/// (which may unwind through our Swift callbacks), and in libmosquitto 2.0 it exits silently, without on_disconnect,
/// when the TLS handshake fails. Here every exit is reported, the loop never reconnects, and stopping is a flag.
final class NetworkLoop: @unchecked Sendable {  // `stopRequested` and `exited` are guarded by `condition`
    /// Longest a single mosquitto_loop call sleeps; bounds how long `stop` waits on a quiet connection.
    private static let pollMilliseconds: Int32 = 250

    private let condition = NSCondition()
    private var stopRequested = false
    private var exited = false

    func start(_ handle: MosquittoHandle, reportingTo state: CallbackState) {
        let thread = Thread { [self] in
            // Named from inside: on Linux a name set before start never reaches the kernel, and the thread would
            // show in top -H and /proc under the name of the thread that created it.
            Thread.current.name = "mqtt-network"
            run(handle, state)
        }
        thread.start()
    }

    /// Asks the loop to finish and waits for it; false if it did not finish within `timeout`.
    func stop(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return condition.withLock {
            stopRequested = true
            while !exited {
                if !condition.wait(until: deadline) { break }
            }
            return exited
        }
    }

    private var shouldContinue: Bool { condition.withLock { !stopRequested } }

    private func run(_ handle: MosquittoHandle, _ state: CallbackState) {
        var code = MosquittoLibrary.success
        var errno: Int32 = 0
        while shouldContinue {
            code = mosquitto_loop(handle.raw, Self.pollMilliseconds, 1)
            if code != MosquittoLibrary.success {
                errno = MosquittoLibrary.currentErrno
                break
            }
        }
        state.loopEnded(code: code, errno: errno)
        condition.withLock {
            exited = true
            condition.broadcast()
        }
    }
}
