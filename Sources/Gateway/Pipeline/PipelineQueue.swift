import NIOConcurrencyHelpers

/// The inputs waiting for the pipeline's one consumer: in arrival order, except that an urgent input (one that may
/// raise an alarm) goes ahead of the rest, taking its own patient's earlier inputs with it.
///
/// Under load hundreds of device messages can wait here; an alarm reading behind them waited milliseconds for
/// analyses that cannot raise anything. Moving the patient's earlier inputs along keeps each patient's readings in
/// order, which the detectors need: a late normal reading would clear the alarm the urgent one raised, and NEWS2
/// and the ECG-against-pulse checks combine a patient's devices. An input never overtakes a queued reload, flush
/// or end of recording: those move ahead with it too.
final class PipelineQueue: Sendable {
    /// Both backlogs and the waiting consumer, behind one lock.
    private struct State {
        var urgent = Backlog()
        var normal = Backlog()
        var consumer: CheckedContinuation<PipelineInput?, Never>?
        var finished = false
        var urgentInputs = 0

        mutating func take() -> PipelineInput? {
            urgent.popFirst() ?? normal.popFirst()
        }

        /// Queues `input`, or hands it to the waiting consumer (who waits only while both backlogs are empty).
        mutating func add(_ input: PipelineInput, urgent isUrgent: Bool) -> CheckedContinuation<PipelineInput?, Never>? {
            if isUrgent { urgentInputs += 1 }
            if let waiting = consumer {
                consumer = nil
                return waiting
            }
            if isUrgent {
                let barrier = normal.lastIndex(where: \.isBarrier) ?? -1
                let key = input.orderKey
                for earlier in normal.extract(where: { position, queued in position <= barrier || queued.orderKey == key }) {
                    urgent.append(earlier)
                }
                urgent.append(input)
            } else {
                normal.append(input)
            }
            return nil
        }
    }

    private let state = NIOLockedValueBox(State())

    /// Inputs pushed as urgent so far, including those the idle pipeline took at once.
    var urgentInputs: Int { state.withLockedValue { $0.urgentInputs } }

    /// Queues `input`; false once the queue is finished (or its consumer cancelled), when nobody will take it.
    @discardableResult
    func push(_ input: PipelineInput, urgent: Bool = false) -> Bool {
        let (accepted, consumer) = state.withLockedValue { state -> (Bool, CheckedContinuation<PipelineInput?, Never>?) in
            guard !state.finished else { return (false, nil) }
            return (true, state.add(input, urgent: urgent))
        }
        consumer?.resume(returning: input)
        return accepted
    }

    /// The next input, urgent ones first; nil once the queue is finished and empty. Cancelling the one consumer
    /// finishes the queue, so sources hand nothing more to a pipeline that stopped.
    func next() async -> PipelineInput? {
        if let ready = state.withLockedValue({ $0.take() }) { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<PipelineInput?, Never>) in
                let ready = state.withLockedValue { state -> PipelineInput?? in
                    precondition(state.consumer == nil, "a pipeline queue has one consumer")
                    if let input = state.take() { return .some(input) }
                    if Task.isCancelled { state.finished = true }
                    if state.finished { return .some(nil) }
                    state.consumer = waiter
                    return nil
                }
                if let ready { waiter.resume(returning: ready) }
            }
        } onCancel: {
            finish()
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
