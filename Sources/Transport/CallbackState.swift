import CMosquitto
import Foundation
import Logging

/// What libmosquitto's network thread shares with its MQTTClient; C code reaches it through the `obj` pointer.
///
/// Methods called from callbacks only record and yield: blocking libmosquitto's thread would stall the connection.
final class CallbackState: @unchecked Sendable {  // all mutable fields are guarded by `condition`
    private enum Connack {
        case pending(waiter: CheckedContinuation<Void, any Error>?)
        case resolved(Result<Void, any Error>)
    }

    private static let keptProblemLines = 8

    private let queue: EventQueue
    private let logger: Logger?
    private let condition = NSCondition()
    private var connack = Connack.pending(waiter: nil)
    private var connected = false
    private var sawDisconnect = false
    private var refusal: String?
    private var problemLines: [String] = []

    init(queue: EventQueue, logger: Logger?) {
        self.queue = queue
        self.logger = logger
    }

    /// The state behind a callback's `obj` pointer; the client keeps it retained until libmosquitto is destroyed.
    static func from(_ obj: UnsafeMutableRawPointer?) -> CallbackState? {
        obj.map { Unmanaged<CallbackState>.fromOpaque($0).takeUnretainedValue() }
    }

    var isConnected: Bool { condition.withLock { connected } }

    /// Error and warning lines libmosquitto logged so far (OpenSSL's reasons arrive only this way).
    var recentProblems: [String] { condition.withLock { problemLines } }

    // MARK: Callback side

    func didConnect(reasonCode: Int32, sessionPresent: Bool) {
        if reasonCode == 0 {
            condition.withLock { connected = true }
            resolveConnack(.success(()))
            queue.push(.connected(sessionPresent: sessionPresent))
        } else {
            let text = "broker refused the connection: \(MosquittoLibrary.reasonText(reasonCode)) "
                + "(reason code 0x\(String(reasonCode, radix: 16)))"
            condition.withLock { refusal = text }
            resolveConnack(.failure(MQTTError(text)))
            // libmosquitto follows a refusal with on_disconnect, which emits `.disconnected` carrying this text.
        }
    }

    func didDisconnect(code: Int32, errno: Int32) {
        let reason = condition.withLock { () -> String in
            connected = false
            sawDisconnect = true
            condition.broadcast()
            return Self.describe(code: code, errno: errno, refusal: refusal, problems: problemLines)
        }
        resolveConnack(.failure(MQTTError("connection closed before CONNACK: \(reason)")))
        queue.push(.disconnected(reason: reason))
    }

    /// The network loop stopped. Reports a disconnect unless on_disconnect already did: libmosquitto returns
    /// some errors (a failed TLS handshake among them) without calling on_disconnect.
    func loopEnded(code: Int32, errno: Int32) {
        let alreadyReported = condition.withLock { sawDisconnect }
        guard !alreadyReported else { return }
        didDisconnect(code: code, errno: errno)
    }

    func didPublish(mid: Int32, reasonCode: Int32) {
        queue.push(.published(mid: mid, reasonCode: Int(reasonCode), at: .now))
    }

    /// The one callback that may wait: for room in the receive buffer, which holds back the PUBACK (see EventQueue).
    func didReceive(_ message: MQTTMessage) {
        queue.push(.message(message))
    }

    /// Problems are always kept (they explain a failed connect); the rest only for a debug logger.
    func keepsLog(level: Int32) -> Bool {
        level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING) != 0 || (logger.map { $0.logLevel <= .debug } ?? false)
    }

    func didLog(level: Int32, line: String) {
        if level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING) != 0 {
            condition.withLock {
                problemLines.append(line)
                if problemLines.count > Self.keptProblemLines { problemLines.removeFirst() }
            }
        }
        logger?.debug("libmosquitto: \(line)")
    }

    /// Our own TLS check stopped the handshake. libmosquitto would only retry the dead socket until the CONNACK
    /// wait times out (it takes a failed TLS read for "try again"), so the waiting connect() fails now, with why.
    func refuseHandshake(_ reason: String) {
        recordProblem(reason)
        failConnack(MQTTError(reason))
    }

    /// A problem found by our own TLS checks; it leads the reasons given.
    func recordProblem(_ line: String) {
        condition.withLock { problemLines.insert(line, at: 0) }
    }

    // MARK: Client side

    /// Suspends until the CONNACK accepted the connection, or throws why it did not.
    func waitForConnack() async throws {
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let result: Result<Void, any Error>? = condition.withLock {
                switch connack {
                case .resolved(let result):
                    return result
                case .pending(nil):
                    connack = .pending(waiter: waiter)
                    return nil
                case .pending(.some):
                    return .failure(MQTTError("connect() is already waiting for a CONNACK"))
                }
            }
            if let result { waiter.resume(with: result) }
        }
    }

    /// Ends a pending CONNACK wait with `error` (timeout, cancellation, close); no effect once resolved.
    func failConnack(_ error: any Error) {
        resolveConnack(.failure(error))
    }

    /// Blocks the caller until on_disconnect has run or `timeout` passes; true if it ran.
    func waitForDisconnect(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return condition.withLock {
            while !sawDisconnect {
                if !condition.wait(until: deadline) { break }
            }
            return sawDisconnect
        }
    }

    /// Called once libmosquitto is destroyed: no callback can follow.
    func finish() {
        condition.withLock { connected = false }
        failConnack(MQTTError("the MQTT client was closed"))
        queue.finish()
    }

    private func resolveConnack(_ result: Result<Void, any Error>) {
        let waiter: CheckedContinuation<Void, any Error>? = condition.withLock {
            guard case .pending(let waiter) = connack else { return nil }
            connack = .resolved(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    private static func describe(code: Int32, errno: Int32, refusal: String?, problems: [String]) -> String {
        var text: String
        switch code {
        case 0:
            text = "disconnected on request"
        case 0x80...:
            // A broker DISCONNECT's MQTT v5 reason code arrives in the same parameter as MOSQ_ERR_* codes,
            // which are all small.
            text = "broker sent DISCONNECT: \(MosquittoLibrary.reasonText(code)) (0x\(String(code, radix: 16)))"
        case MosquittoLibrary.code(MOSQ_ERR_ERRNO):
            text = errno == 0 ? "connection lost" : "connection lost: \(MosquittoLibrary.errnoText(errno))"
        default:
            text = MosquittoLibrary.errorText(code)
        }
        if let refusal { text = "\(refusal); \(text)" }
        if !problems.isEmpty { text += " [\(problems.joined(separator: "; "))]" }
        return text
    }
}
