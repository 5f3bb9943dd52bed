import ArgumentParser
import Foundation
import Gateway
import Logging
import ServiceLifecycle

extension ReplayCommand {
    /// The record as one more device of a full gateway: analysed, sealed, stored and forwarded; the
    /// command ends once the queue has drained upstream (or after a minute of trying).
    func throughGateway(_ replay: RecordReplay, configPath: String, printer: ReplayPrinter, logger: Logger) async throws {
        let settings: GatewayConfig
        let beds = replay.beds(self.beds)
        do { settings = try GatewayConfig.load(path: configPath).adding(replay, beds: beds) } catch { throw exitForBadInput(error) }
        let runtime = try GatewayRuntime.make(config: settings, logger: logger, observer: { printer.take($0) })
        let group = ServiceGroup(configuration: .init(services: runtime.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let running = Task { try await group.run() }
        while runtime.status.snapshot().pipelineTicks == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await play(replay) { chunks in
            for bed in beds {
                await runtime.feed.send(chunks.map { var chunk = $0; chunk.device = bed.info.id; return chunk }, from: bed.info)
            }
        }
        runtime.feed.endOfRecording()
        runtime.feed.flush()
        let drained = await waitForDrain(runtime, timeout: .seconds(60))
        if !drained { logger.warning("replay: the queue has not drained upstream yet; it stays queued for the next run") }
        await group.triggerGracefulShutdown()
        try await running.value
    }

    private func waitForDrain(_ runtime: GatewayRuntime, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let snapshot = runtime.status.snapshot()
            if snapshot.pendingReadings == 0, snapshot.sealedUncommitted == 0, let stats = try? runtime.store.stats(), stats.totalBatches == 0 { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
