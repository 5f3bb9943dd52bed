import Foundation

/// Bounds how many received messages wait in an MQTTClient's event stream.
///
/// libmosquitto acknowledges a QoS 1 message when our callback returns, so an unbounded stream would let a broker
/// push faster than we consume and keep it all in our memory. When the buffer is full the callback waits on the
/// network thread: the PUBACK waits too, the broker's flow control (receive maximum) stops it sending, and what
/// is left stays in the broker's session, not in the gateway.
final class ReceiveBuffer: @unchecked Sendable {  // all mutable fields are guarded by `condition`
    private let limit: Int?
    private let condition = NSCondition()
    private var waiting = 0
    private var closed = false

    /// nil: no bound (the stream buffers whatever arrives).
    init(limit: Int?) {
        self.limit = limit
    }

    /// Messages delivered but not yet taken by the consumer.
    var count: Int { condition.withLock { waiting } }

    /// Network thread: blocks while the buffer is full, then counts one message in.
    func admit() {
        condition.withLock {
            if let limit {
                while waiting >= limit, !closed { condition.wait() }
            }
            waiting += 1
        }
    }

    /// Consumer: one message was taken.
    func take() {
        condition.withLock {
            waiting -= 1
            condition.signal()
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
