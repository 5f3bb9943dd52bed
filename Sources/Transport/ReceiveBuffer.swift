import Foundation

/// Bounds how many received messages wait in an MQTTClient's event stream.
///
/// libmosquitto queues the PUBACK for a QoS 1 message as it hands it to us, so an unbounded stream would let a
/// broker push faster than we consume and keep it all in our memory. When the buffer is full the callback waits
/// on the network thread, the only thread that writes to the socket: the PUBACKs wait with it, the broker's flow
/// control (receive maximum) stops it sending, and what is left stays in the broker's session, not in the
/// gateway. The broker must be allowed to queue that much (mosquitto's `max_queued_messages`), and a wait longer
/// than 1.5 keep-alives ends the connection (the session resumes; QoS 1 redelivers).
final class ReceiveBuffer: @unchecked Sendable {  // all mutable fields are guarded by `condition`
    private let limit: Int?
    private let condition = NSCondition()
    private var waiting = 0
    private var closed = false

    /// nil: no bound (the stream buffers whatever arrives).
    init(limit: Int?) {
        self.limit = limit
    }

    /// Messages delivered but not yet taken by the consumer (counted only with a limit).
    var count: Int { condition.withLock { waiting } }

    /// Network thread: blocks while the buffer is full, then counts one message in. Without a limit, nothing to do.
    func admit() {
        guard let limit else { return }
        condition.withLock {
            while waiting >= limit, !closed { condition.wait() }
            waiting += 1
        }
    }

    /// Consumer: one message was taken; the network thread only waits when the buffer was full.
    func take() {
        guard let limit else { return }
        condition.withLock {
            if waiting == limit { condition.signal() }
            waiting -= 1
        }
    }

    /// The client is closing: never block again, so the network thread can stop.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }
}
