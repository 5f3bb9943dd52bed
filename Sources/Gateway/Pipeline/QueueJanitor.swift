import GatewayModel
import Logging
import ServiceLifecycle
import Store

/// Enforces the queue's age bound and returns freed pages to the filesystem.
final class QueueJanitor: Service {
    private let store: QueueStore
    private let logger: Logger
    private let interval: Duration

    init(store: QueueStore, logger: Logger, interval: Duration = .seconds(30)) {
        self.store = store
        self.logger = logger
        self.interval = interval
    }

    func run() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let expired = try store.expire(now: WallClock.nowUnixMs())
                if !expired.isEmpty {
                    let text = expired.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
                    logger.warning("queue: dropped batches older than maxAge: \(text)")
                }
                try store.incrementalVacuum()
            } catch {
                logger.error("queue maintenance failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
