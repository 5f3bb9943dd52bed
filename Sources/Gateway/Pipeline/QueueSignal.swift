import NIOConcurrencyHelpers
import Synchronization

/// Wakes whoever waits for new queue rows or alarms to send from memory (the uplink).
public final class QueueSignal: Sendable {
    /// Stops the wake-ups `onNotify` registered.
    public struct Registration: Sendable {
        fileprivate let signal: QueueSignal
        fileprivate let id: Int

        public func cancel() { _ = signal.waiters.withLockedValue { $0.removeValue(forKey: id) } }
    }

    private let waiters = NIOLockedValueBox<[Int: @Sendable () -> Void]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    public func notify() {
        for wake in waiters.withLockedValue({ Array($0.values) }) { wake() }
    }

    /// Calls `wake` after every `notify()` from now on, on the notifying thread (so it must be quick: a
    /// stream's `yield`, say). No task sits in between, which would be one more thread for an alarm to wait for.
    public func onNotify(_ wake: @escaping @Sendable () -> Void) -> Registration {
        let id = nextID.add(1, ordering: .relaxed).newValue
        waiters.withLockedValue { $0[id] = wake }
        return Registration(signal: self, id: id)
    }
}
