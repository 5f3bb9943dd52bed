import Foundation

/// An MQTTClient's events on their way from libmosquitto's network thread to the client's one consumer, with at
/// most `limit` received messages waiting.
///
/// libmosquitto queues the PUBACK for a QoS 1 message as it hands it to us, so an unbounded queue would let a
/// broker push faster than we consume and keep it all in our memory. When the queue holds `limit` messages the
/// callback waits on the network thread, the only thread that writes to the socket: the PUBACKs wait with it, the
/// broker's flow control (receive maximum) stops it sending, and what is left stays in the broker's session, not in
/// the gateway. The broker must be allowed to queue that much (mosquitto's `max_queued_messages`), and a wait longer
/// than 1.5 keep-alives ends the connection (the session resumes; QoS 1 redelivers).
///
/// It replaces an `AsyncStream`, whose unspecialised generic buffer cost a tenth of the gateway's CPU at 30,000
/// messages/s (BENCHMARKS.md, "Cheaper per reading").
final class EventQueue: @unchecked Sendable {  // all mutable fields are guarded by `condition`
    private let limit: Int?
    private let condition = NSCondition()
    private var events: [MQTTEvent?] = []
    private var head = 0
    private var messages = 0
    private var consumer: UnsafeContinuation<MQTTEvent?, Never>?
    /// Set when the client closes (`stopBlocking()`, `finish()`): the network thread must be able to stop.
    private var neverBlock = false
    /// No event will follow: the consumer gets those queued, then nil.
    private var finished = false
    /// The consumer was cancelled: nobody takes messages, so the queue counts as full.
    private var cancelled = false

    /// nil: no bound (the queue holds whatever arrives).
    init(limit: Int?) {
        self.limit = limit
    }

    /// Messages delivered but not yet taken by the consumer.
    var count: Int { condition.withLock { messages } }

    // MARK: Network thread

    /// Hands `event` on. A message waits here while `limit` messages are queued, or the consumer is gone, unless
    /// blocking has stopped: libmosquitto acknowledges a message as it hands it over, so one nobody will take must
    /// not be handed over while the broker can still keep it.
    func push(_ event: MQTTEvent) {
        condition.lock()
        if case .message = event {
            while !neverBlock, cancelled || messages >= (limit ?? .max) { condition.wait() }
        }
        guard !finished else { return condition.unlock() }
        if let waiting = consumer {
            consumer = nil
            condition.unlock()
            return waiting.resume(returning: event)
        }
        events.append(event)
        if case .message = event { messages += 1 }
        condition.unlock()
    }

    /// The client is closing: never block again, so the network thread can stop. Events still queue.
    func stopBlocking() {
        condition.withLock {
            neverBlock = true
            condition.broadcast()
        }
    }

    /// No more events: the consumer takes those queued, then gets nil.
    func finish() {
        let waiting = condition.withLock { () -> UnsafeContinuation<MQTTEvent?, Never>? in
            finished = true
            neverBlock = true
            condition.broadcast()
            defer { consumer = nil }
            return consumer
        }
        waiting?.resume(returning: nil)
    }

    // MARK: Consumer

    /// The next event; nil once finished and empty. A cancelled consumer gets nil, and the queue drops what it holds
    /// and takes no more: the network thread waits with the next message, as at the bound, until the client closes,
    /// so what the broker still holds stays there.
    func next() async -> MQTTEvent? {
        if let ready = condition.withLock({ takeLocked() }) { return ready }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { (waiter: UnsafeContinuation<MQTTEvent?, Never>) in
                let ready = condition.withLock { () -> MQTTEvent?? in
                    precondition(consumer == nil, "an MQTT client's events have one consumer")
                    // A cancellation before this point has run `cancel()` already (finished); one after it resumes us.
                    if let taken = takeLocked() { return taken }
                    if finished { return .some(nil) }
                    consumer = waiter
                    return nil
                }
                if let ready { waiter.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The first queued event (`.some(nil)` once finished and empty), or nil when the consumer must wait.
    private func takeLocked() -> MQTTEvent?? {
        guard head < events.count else { return finished ? .some(nil) : nil }
        let event = events[head]
        events[head] = nil
        head += 1
        if head == events.count {
            // A burst on an unbounded queue (the uplink's acknowledgements) need not keep its storage for good.
            events.removeAll(keepingCapacity: events.capacity <= 1024)
            head = 0
        } else if head >= 1024, head * 2 >= events.count {
            events.removeFirst(head)
            head = 0
        }
        if case .message = event {
            if messages == limit { condition.signal() }
            messages -= 1
        }
        return .some(event)
    }

    private func cancel() {
        let waiting = condition.withLock { () -> UnsafeContinuation<MQTTEvent?, Never>? in
            events.removeAll()
            head = 0
            messages = 0
            finished = true
            cancelled = true
            defer { consumer = nil }
            return consumer
        }
        waiting?.resume(returning: nil)
    }

    /// Whether the consumer is suspended waiting for an event (for tests of the hand-over).
    var hasWaitingConsumer: Bool { condition.withLock { consumer != nil } }
}
