import Foundation
import Transport

/// Drains an MQTTClient's events in the background so a test can wait for the one it expects.
/// Create it before `connect()` so nothing is missed; it stops when the client is closed.
public final class MQTTEventRecorder: @unchecked Sendable {  // `events` and `finished` are guarded by `lock`
    private let lock = NSLock()
    private var events: [MQTTEvent] = []
    private var finished = false

    public init(_ client: MQTTClient) {
        let stream = client.events
        Task { [self] in
            for await event in stream {
                lock.withLock { events.append(event) }
            }
            lock.withLock { finished = true }
        }
    }

    public var all: [MQTTEvent] { lock.withLock { events } }

    /// True once the client's event stream has ended (after `close()`).
    public var isFinished: Bool { lock.withLock { finished } }

    public var messages: [MQTTMessage] {
        all.compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    /// The first recorded event `match` maps to a value, waiting up to `timeout` for it to arrive.
    public func first<T>(timeout: Duration = .seconds(10), _ match: (MQTTEvent) -> T?) async -> T? {
        var found: T?
        _ = await eventually(timeout: timeout, poll: .milliseconds(20)) {
            found = all.lazy.compactMap(match).first
            return found != nil
        }
        return found
    }

    /// The broker's reason code for publish `mid` (0 = accepted, >= 0x80 = refused), or nil if none came.
    public func publishResult(mid: Int32, timeout: Duration = .seconds(10)) async -> Int? {
        await first(timeout: timeout) { event in
            if case .published(mid, let code, _) = event { code } else { nil }
        }
    }

    /// The reason of the first `.disconnected`, or nil if none came in time.
    public func disconnectReason(timeout: Duration = .seconds(10)) async -> String? {
        await first(timeout: timeout) { event in
            if case .disconnected(let reason) = event { reason } else { nil }
        }
    }

    /// The first message whose payload is `payload`, waiting up to `timeout`.
    public func message(withPayload payload: Data, timeout: Duration = .seconds(10)) async -> MQTTMessage? {
        await first(timeout: timeout) { event in
            if case .message(let message) = event, message.payload == payload { message } else { nil }
        }
    }
}
