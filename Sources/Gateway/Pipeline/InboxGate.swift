import NIOConcurrencyHelpers

/// Counts inputs between the sources and the pipeline and makes a source wait while `capacity` are outstanding.
///
/// Urgent inputs (they may raise an alarm) have `reserve` places beyond `capacity`: an alarm reading that reaches
/// a full inbox does not wait for the analysis of the load ahead of it to free a place (messages still queued
/// before it in its source do). The reserve is small: urgent inputs are rare, and a device stuck beyond its limits
/// must not double the memory the inbox may hold.
final class InboxGate: Sendable {
    /// A source waiting for a place.
    private struct Waiter {
        let continuation: CheckedContinuation<Void, Never>
        let urgent: Bool
    }

    /// The count, the waiting sources and whether the pipeline stopped, behind one lock.
    private struct State {
        let capacity: Int
        let reserve: Int
        var outstanding = 0
        var waits = 0
        var waiters: [Waiter] = []
        var closed = false

        func admits(urgent: Bool) -> Bool {
            closed || outstanding < capacity + (urgent ? reserve : 0)
        }

        mutating func admitOne(urgent: Bool) -> Bool {
            guard admits(urgent: urgent) else { return false }
            outstanding += 1
            return true
        }

        /// The waiter a freed place goes to: the first urgent one, else the first, if the bounds let it in.
        mutating func nextWaiter() -> CheckedContinuation<Void, Never>? {
            guard let index = waiters.firstIndex(where: \.urgent) ?? waiters.indices.first,
                admits(urgent: waiters[index].urgent)
            else { return nil }
            outstanding += 1
            return waiters.remove(at: index).continuation
        }
    }

    private let state: NIOLockedValueBox<State>

    init(capacity: Int, reserve: Int = 32) {
        precondition(capacity > 0 && reserve >= 0, "an inbox needs room for at least one input")
        state = NIOLockedValueBox(State(capacity: capacity, reserve: reserve))
    }

    /// Inputs handed over and not yet handled.
    var outstanding: Int { state.withLockedValue { $0.outstanding } }
    /// How often a source found the inbox full and had to wait: the gateway was the bottleneck then.
    var waits: Int { state.withLockedValue { $0.waits } }

    /// Takes a place, waiting for one if all are taken. The uncontended path takes one lock and no suspension.
    func enter(urgent: Bool = false) async {
        if state.withLockedValue({ $0.admitOne(urgent: urgent) }) { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state -> Bool in
                if state.admitOne(urgent: urgent) { return true }
                state.waits += 1
                state.waiters.append(Waiter(continuation: waiter, urgent: urgent))
                return false
            }
            if admitted { waiter.resume() }
        }
    }

    /// The pipeline handled one input (call once per input that entered): its place goes to a waiter, if any.
    func leave() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            state.outstanding -= 1
            return state.nextWaiter()
        }
        next?.resume()
    }

    /// The pipeline stopped: nobody waits any more, now or later.
    func close() {
        let waiters = state.withLockedValue { state -> [Waiter] in
            state.closed = true
            state.outstanding += state.waiters.count
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume() }
    }
}
