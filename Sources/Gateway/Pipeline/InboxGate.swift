import NIOConcurrencyHelpers

/// Counts inputs between the sources and the pipeline and makes a source wait while `capacity` are outstanding.
final class InboxGate: Sendable {
    private struct State {
        var outstanding = 0
        var waits = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var closed = false

        mutating func admitOne(capacity: Int) -> Bool {
            guard closed || outstanding < capacity else { return false }
            outstanding += 1
            return true
        }
    }

    let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(capacity: Int) {
        precondition(capacity > 0, "an inbox needs room for at least one input")
        self.capacity = capacity
    }

    /// Inputs handed over and not yet handled.
    var outstanding: Int { state.withLockedValue { $0.outstanding } }
    /// How often a source found the inbox full and had to wait: the gateway was the bottleneck then.
    var waits: Int { state.withLockedValue { $0.waits } }

    /// Takes a place, waiting for one if all are taken. The uncontended path takes one lock and no suspension.
    func enter() async {
        if state.withLockedValue({ $0.admitOne(capacity: capacity) }) { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state -> Bool in
                if state.admitOne(capacity: capacity) { return true }
                state.waits += 1
                state.waiters.append(waiter)
                return false
            }
            if admitted { waiter.resume() }
        }
    }

    /// The pipeline handled one input (call once per input that entered): its place goes straight to the
    /// longest waiter, if any.
    func leave() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.outstanding -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

    /// The pipeline stopped: nobody waits any more, now or later.
    func close() {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            state.outstanding += state.waiters.count
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
