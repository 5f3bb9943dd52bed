import NIOConcurrencyHelpers
import Synchronization

/// Wakes whoever waits for new queue rows (the uplink) after a commit; coalesces bursts.
public final class QueueSignal: Sendable {
    private let waiters = NIOLockedValueBox<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    public func notify() {
        waiters.withLockedValue { for continuation in $0.values { continuation.yield() } }
    }

    /// A stream that yields at least once after every `notify()` following its creation.
    public func updates() -> AsyncStream<Void> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { [weak self] _ in self?.waiters.withLockedValue { _ = $0.removeValue(forKey: id) } }
        waiters.withLockedValue { $0[id] = continuation }
        return stream
    }
}
