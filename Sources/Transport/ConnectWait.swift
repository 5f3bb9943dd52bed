import NIOConcurrencyHelpers

/// The meeting point of the blocking connect thread and the task awaiting it, which may give up first.
///
/// A connect to a host that silently drops SYNs blocks for minutes (the kernel's SYN retries); a
/// gateway asked to stop must not wait for that. The waiter leaves with nil on cancellation and the
/// thread, when it finally returns, learns that nobody wants the connection any more.
final class ConnectWait: Sendable {
    private struct State {
        var continuation: CheckedContinuation<MQTTClient.ConnectOutcome?, Never>?
        var outcome: MQTTClient.ConnectOutcome?
        var abandoned = false
    }

    private let state = NIOLockedValueBox(State())

    /// The thread's outcome, or nil once the waiting task was cancelled.
    func result() async -> MQTTClient.ConnectOutcome? {
        await withCheckedContinuation { continuation in
            let ready: MQTTClient.ConnectOutcome?? = state.withLockedValue { state in
                if state.abandoned { return .some(nil) }
                if let outcome = state.outcome { return .some(outcome) }
                state.continuation = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// From the connect thread; false when the waiter has gone and the connection must be torn down.
    func finish(_ outcome: MQTTClient.ConnectOutcome) -> Bool {
        let (waiter, wanted) = state.withLockedValue { state -> (CheckedContinuation<MQTTClient.ConnectOutcome?, Never>?, Bool) in
            guard !state.abandoned else { return (nil, false) }
            state.outcome = outcome
            defer { state.continuation = nil }
            return (state.continuation, true)
        }
        waiter?.resume(returning: outcome)
        return wanted
    }

    /// From the cancellation handler.
    func abandon() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<MQTTClient.ConnectOutcome?, Never>? in
            guard state.outcome == nil else { return nil }
            state.abandoned = true
            defer { state.continuation = nil }
            return state.continuation
        }
        waiter?.resume(returning: nil)
    }
}
