import NIOConcurrencyHelpers

/// The inputs waiting for the pipeline's one consumer: in arrival order, except that an urgent input (one that may
/// raise an alarm) goes ahead of the rest, taking its own device's earlier inputs with it.
///
/// Under load hundreds of device messages can wait here; an alarm reading behind them waited milliseconds for
/// analyses that cannot raise anything. Moving the device's earlier inputs along keeps each device's readings in
/// order, which its detectors need (a late normal reading would clear the alarm the urgent one raised). An input
/// never overtakes a queued reload, flush or end of recording: those move ahead with it too.
final class PipelineQueue: Sendable {
    private struct State {
        var urgent = Backlog()
        var normal = Backlog()
        var consumer: CheckedContinuation<PipelineInput?, Never>?
        var finished = false
        var urgentInputs = 0

        mutating func take() -> PipelineInput? {
            urgent.popFirst() ?? normal.popFirst()
        }

        /// Moves what must stay ahead of an urgent input from `device` into the urgent backlog.
        mutating func promote(before device: String) {
            let barrier = normal.lastIndex(where: \.isBarrier) ?? -1
            let moved = normal.extract { position, input in position <= barrier || input.device == device }
            for input in moved { urgent.append(input) }
        }
    }

    private let state = NIOLockedValueBox(State())

    /// Urgent inputs queued so far, whether or not others were waiting for them to overtake.
    var urgentInputs: Int { state.withLockedValue { $0.urgentInputs } }

    /// Queues `input`; false once the queue is finished, when nobody will take it.
    @discardableResult
    func push(_ input: PipelineInput, urgent: Bool = false) -> Bool {
        let consumer = state.withLockedValue { state -> CheckedContinuation<PipelineInput?, Never>? in
            guard !state.finished else { return nil }
            if urgent { state.urgentInputs += 1 }
            if let waiting = state.consumer {
                state.consumer = nil
                return waiting
            }
            if urgent {
                state.promote(before: input.device ?? "")
                state.urgent.append(input)
            } else {
                state.normal.append(input)
            }
            return nil
        }
        if let consumer {
            consumer.resume(returning: input)
            return true
        }
        return state.withLockedValue { !$0.finished }
    }

    /// The next input, urgent ones first; nil once the queue is finished and empty, or when the consumer is cancelled.
    func next() async -> PipelineInput? {
        if let ready = state.withLockedValue({ $0.take() }) { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<PipelineInput?, Never>) in
                let ready = state.withLockedValue { state -> PipelineInput?? in
                    if let input = state.take() { return .some(input) }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.consumer = waiter
                    return nil
                }
                if let ready { waiter.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> CheckedContinuation<PipelineInput?, Never>? in
                defer { state.consumer = nil }
                return state.consumer
            }
            waiter?.resume(returning: nil)
        }
    }

    /// No more inputs are taken; the consumer still gets those already queued.
    func finish() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<PipelineInput?, Never>? in
            state.finished = true
            defer { state.consumer = nil }
            return state.consumer
        }
        waiter?.resume(returning: nil)
    }
}
