/// An MQTTClient's events in order; taking a message frees its place in the client's receive buffer.
public struct MQTTEvents: AsyncSequence, Sendable {
    public typealias Element = MQTTEvent

    let queue: EventQueue

    /// Takes the events from the client's queue; iterate from one task only.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: EventQueue

        public mutating func next() async -> MQTTEvent? {
            await queue.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(queue: queue)
    }
}
