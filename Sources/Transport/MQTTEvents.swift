/// An MQTTClient's events in order; taking a message frees its place in the client's receive buffer.
public struct MQTTEvents: AsyncSequence, Sendable {
    public typealias Element = MQTTEvent

    let stream: AsyncStream<MQTTEvent>
    let buffer: ReceiveBuffer

    /// Iterates the events, counting each message out of the receive buffer as it is taken.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<MQTTEvent>.AsyncIterator
        let buffer: ReceiveBuffer

        public mutating func next() async -> MQTTEvent? {
            let event = await base.next()
            if case .message = event { buffer.take() }
            return event
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), buffer: buffer)
    }
}
