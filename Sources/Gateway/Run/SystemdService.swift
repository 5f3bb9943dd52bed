import GatewayModel
import Logging
import ServiceLifecycle
import Store

/// Tells systemd the gateway is ready, pets the watchdog only while the pipeline advances, keeps
/// a one-line STATUS, and says STOPPING on shutdown.
final class SystemdService: Service {
    private let notifier: SystemdNotifier
    private let status: StatusBoard
    private let store: QueueStore
    private let logger: Logger

    init(notifier: SystemdNotifier, status: StatusBoard, store: QueueStore, logger: Logger) {
        self.notifier = notifier
        self.status = status
        self.store = store
        self.logger = logger
    }

    func run() async {
        guard notifier.isActive else { return await idleUntilShutdown() }
        // Ready once the pipeline has turned at least once: queue open, services running.
        var lastTicks = 0
        while !Task.isShuttingDownGracefully, status.snapshot().pipelineTicks == lastTicks {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(50)) }
        }
        notifier.notify("READY=1\nSTATUS=\(line())")
        logger.info("told systemd the gateway is ready")
        let interval = min(notifier.watchdogInterval ?? .seconds(5), .seconds(5))
        while !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            let ticks = status.snapshot().pipelineTicks
            // A stuck pipeline stops the pets and systemd restarts the gateway.
            let alive = ticks != lastTicks
            lastTicks = ticks
            notifier.notify(alive ? "WATCHDOG=1\nSTATUS=\(line())" : "STATUS=\(line()) (pipeline stalled)")
        }
        notifier.notify("STOPPING=1\nSTATUS=stopping: flushing open batches")
    }

    private func idleUntilShutdown() async {
        try? await gracefulShutdown()
    }

    /// `queue 12 batches 3.1 MiB, upstream connected, 9 devices, 0 degraded`.
    private func line() -> String {
        let snapshot = status.snapshot()
        let queue = (try? store.stats()).map { "queue \($0.totalBatches) batches \(String(format: "%.1f", Double($0.totalBytes) / 1_048_576)) MiB" } ?? "queue unreadable"
        var upstream = snapshot.upstream.connected ? "upstream connected" : "upstream DOWN"
        if let alarm = snapshot.alarmLink, !alarm.connected { upstream += " (alarm connection DOWN)" }
        let degraded = snapshot.degraded.map { ", degraded: \($0)" } ?? ""
        return "\(queue), \(upstream), \(snapshot.devices.count) devices\(degraded)"
    }
}
