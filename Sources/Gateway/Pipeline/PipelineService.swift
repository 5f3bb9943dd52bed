import GatewayModel
import Logging
import ServiceLifecycle

/// The pipeline's one consumer: analyse readings, batch them per lane, seal alarms, and hand batches to the committer.
///
/// One task owns the batcher and detectors, so the hot path takes no locks. The other lanes are sealed on a queue
/// of their own and commits run on a second task (`ClosedBatches`), so the analysis that raises the next alarm waits
/// neither for the disk (unless a stall outlasts the hand-over's bound) nor for a large batch's encryption.
final class PipelineService: Service {
    private let inbox: PipelineInbox
    private let status: StatusBoard
    private let logger: Logger
    private let tickInterval: Duration
    private let timers: PipelineTimers
    private let observer: (@Sendable (AnalysisOutput) -> Void)?
    private let state: State
    private let committer: BatchCommitter

    private struct State: Sendable {
        var analyzer: Analyzer
        var batcher: Batcher
        let sealer: BatchSealer
        let toCommit: ClosedBatches

        /// Seals alarm batches here, so they reach the uplink at once, and hands the rest over to be sealed off this task.
        func seal(_ closed: [Batcher.Closed]) {
            toCommit.add(sealer.seal(closed.filter { $0.lane == .alarm }))
            toCommit.add(toSeal: closed.filter { $0.lane != .alarm })
        }
    }

    init(
        inbox: PipelineInbox,
        analyzer: Analyzer, batcher: Batcher, sealer: BatchSealer, committer: BatchCommitter, status: StatusBoard, logger: Logger,
        timers: PipelineTimers = .off,
        observer: (@Sendable (AnalysisOutput) -> Void)? = nil
    ) {
        self.observer = observer
        self.timers = timers
        self.inbox = inbox
        let toCommit = ClosedBatches(status: status, sealing: SealingQueue(sealer))
        self.state = State(analyzer: analyzer, batcher: batcher, sealer: sealer, toCommit: toCommit)
        self.committer = committer
        self.status = status
        self.logger = logger
        // The batcher's deadlines assume this interval, so there is one value for both.
        self.tickInterval = batcher.tick
    }

    func run() async {
        var state = self.state
        // Not a child task: a cancelled pipeline must still commit what it closed.
        let committing = Task { [committer, toCommit = state.toCommit] in await committer.run(taking: toCommit) }
        let ticker = Task { [inbox, tickInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tickInterval)
                inbox.post(.tick)
            }
        }
        await withGracefulShutdownHandler {
            var handled = 0
            while let item = await inbox.queue.next() {
                handle(item, state: &state)
                await state.toCommit.waitForRoom()
                if case .readings = item { inbox.gate.leave() }
                handled &+= 1
                // Under load the input never runs dry; without this the uplink could starve.
                if handled % 64 == 0 { await Task.yield() }
            }
        } onGracefulShutdown: { [inbox] in
            // Sources stop before the pipeline (service order), so finishing the queue here
            // lets the loop drain everything they handed over before the final flush.
            inbox.queue.finish()
        }
        inbox.gate.close()
        ticker.cancel()
        state.seal(state.batcher.drain())
        state.toCommit.finish()
        await committing.value
        status.update { $0.pendingReadings = 0 }
        logger.info("pipeline flushed open batches")
    }

    /// Events and alarm snippets into the alarm lane, which closes its batch at once.
    private func alarms(
        _ found: AnalysisOutput, device: DeviceInfo?, arrivedAt: ContinuousClock.Instant? = nil, state: inout State, now: ContinuousClock.Instant
    ) -> [Batcher.Closed] {
        guard !found.events.isEmpty || !found.snippets.isEmpty else { return [] }
        var closed: [Batcher.Closed] = []
        if !found.events.isEmpty {
            let devices = device.map { [$0] } ?? state.analyzer.devices(of: found.events)
            closed += state.batcher.add(found.events, devices: devices, arrivedAt: arrivedAt, now: now)
            status.record(found.events)
        }
        for chunk in found.snippets {
            closed += state.batcher.add([chunk], from: state.analyzer.info(of: chunk.device), lane: .alarm, now: now)
        }
        return closed
    }

    private func handle(_ item: PipelineInput, state: inout State) {
        let now = ContinuousClock.now
        switch item {
        case let .readings(device, lane, measurements, waveforms, conditions, arrived):
            timers.inputWait.record(now - arrived)
            let found = timers.analyse.measure {
                state.analyzer.analyse(device: device.id, measurements: measurements, waveforms: waveforms, conditions: conditions)
            }
            observer?(found)
            var closed = measurements.isEmpty ? [] : state.batcher.add(measurements, from: device, lane: lane, arrivedAt: arrived, now: now)
            if !waveforms.isEmpty { closed += state.batcher.add(waveforms, from: device, arrivedAt: arrived, now: now) }
            if !found.measurements.isEmpty {
                closed += state.batcher.add(found.measurements, from: device, lane: .vital, arrivedAt: arrived, now: now)
            }
            // Alarms go first into the queue so the uplink sends them before the vitals.
            closed = alarms(found, device: device, arrivedAt: arrived, state: &state, now: now) + closed
            if !closed.isEmpty { state.seal(closed) }
        case .tick:
            let found = timers.tick.measure { state.analyzer.tick(nowUnixMs: WallClock.nowUnixMs()) }
            var closed = alarms(found, device: nil, state: &state, now: now)
            closed += state.batcher.due(now: now)
            // An empty hand-over still wakes the committer, for its retry back-off.
            if closed.isEmpty { state.toCommit.tick() } else { state.seal(closed) }
            let pending = state.batcher.pendingReadings
            let (inputs, waits, urgent) = (inbox.gate.outstanding, inbox.gate.waits, inbox.queue.urgentInputs)
            status.update {
                $0.pendingReadings = pending
                $0.inboxInputs = inputs
                $0.inboxWaits = waits
                $0.urgentInputs = urgent
                $0.pipelineTicks += 1
            }
        case let .reconfigure(analyzer):
            state.analyzer = analyzer.keepingState(of: state.analyzer)
        case .flush:
            state.seal(state.batcher.drain())
        case .endOfRecording:
            observer?(state.analyzer.finish())
        }
    }
}
