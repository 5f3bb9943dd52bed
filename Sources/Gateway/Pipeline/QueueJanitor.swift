import GatewayModel
import Logging
import ServiceLifecycle
import Store

/// Keeps the queue file in shape: checkpoints the WAL every second off the commit path, and every
/// `maintenanceInterval` enforces the age bound and returns freed pages to the filesystem.
final class QueueJanitor: Service {
    private let store: QueueStore
    private let logger: Logger
    private let checkpointInterval: Duration
    private let maintenanceInterval: Duration

    init(store: QueueStore, logger: Logger, checkpointInterval: Duration = .seconds(1), maintenanceInterval: Duration = .seconds(30)) {
        self.store = store
        self.logger = logger
        self.checkpointInterval = checkpointInterval
        self.maintenanceInterval = maintenanceInterval
    }

    func run() async {
        var lastMaintenance: ContinuousClock.Instant?
        var log = RateLimitedLog()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if lastMaintenance.map({ .now - $0 >= maintenanceInterval }) ?? true {
                await maintain()
                lastMaintenance = .now
            }
            do {
                try await store.checkpoint()
            } catch {
                log.warning(logger, key: "checkpoint", "queue checkpoint failed (the writer checkpoints by itself later): \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.checkpointInterval) }
        }
    }

    private func maintain() async {
        do {
            let expired = try await store.expire(now: WallClock.nowUnixMs())
            if !expired.isEmpty {
                let text = expired.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
                logger.warning("queue: dropped batches older than maxAge: \(text)")
            }
            try await store.incrementalVacuum()
        } catch {
            // GRDB interrupts a write whose task is cancelled: at shutdown that is no failure worth an error.
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            logger.error("queue maintenance failed: \(error)")
        }
    }
}
