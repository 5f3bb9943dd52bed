import CoreMetrics
import Foundation
import GatewayModel
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Store
import Transport

/// Forwards queued batches upstream over MQTT 5 (QoS 1, TLS), reconnecting with jittered backoff.
final class UplinkService: Service {
    /// Swapped by a reload; each connection attempt reads it afresh, which also re-reads the TLS files.
    private let currentSettings: NIOLockedValueBox<UpstreamSettings>
    private var settings: UpstreamSettings { currentSettings.withLockedValue { $0 } }
    private let store: QueueStore
    private let signal: QueueSignal
    private let status: StatusBoard
    private let logger: Logger
    private let topicForLane: [Lane: String]
    /// How long a graceful stop waits for outstanding PUBACKs.
    private let drainTimeout: Duration
    private let session = NIOLockedValueBox<AsyncStream<UplinkInput>.Continuation?>(nil)
    private let timers: PipelineTimers
    private let outbox: AlarmOutbox?
    private let acknowledgedRows: AcknowledgedRows

    init(
        settings: UpstreamSettings, gatewayID: String, site: String, store: QueueStore, signal: QueueSignal, status: StatusBoard,
        logger: Logger, timers: PipelineTimers = .off, outbox: AlarmOutbox? = nil, drainTimeout: Duration = .seconds(3)
    ) {
        self.outbox = outbox
        self.currentSettings = NIOLockedValueBox(settings)
        self.timers = timers
        self.store = store
        self.signal = signal
        self.status = status
        self.logger = logger
        self.drainTimeout = drainTimeout
        self.acknowledgedRows = AcknowledgedRows(store: store, logger: logger)
        var topics: [Lane: String] = [:]
        for lane in Lane.allCases { topics[lane] = "\(settings.topicPrefix)/\(site)/\(gatewayID)/\(lane.rawValue)" }
        self.topicForLane = topics
    }

    func run() async {
        if settings.insecure, !settings.endpoint.useTLS {
            logger.warning("upstream \(settings.url) is PLAINTEXT (insecure: true): sealed batches are still end-to-end encrypted, but metadata and credentials travel in clear")
        }
        var backoff = ReconnectBackoff()
        var lastError: String?
        // Not a child task: rows acknowledged before a cancellation must still be deleted.
        let deleting = Task { [acknowledgedRows] in await acknowledgedRows.run() }
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                do {
                    let client = try MQTTClient(options: clientOptions())
                    try await cancelWhenGracefulShutdown { try await client.connect() }
                    backoff.reset()
                    lastError = nil
                    await runSession(client)
                    client.close()
                    // A connection that drops right after it opened (a broker refusing us, a
                    // flapping link) must not turn into a tight reconnect loop.
                    if !Task.isShuttingDownGracefully {
                        let delay = backoff.nextDelay()
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                    }
                } catch {
                    // A connect abandoned because the gateway is stopping is not a fault worth an error.
                    if Task.isShuttingDownGracefully { break }
                    let reason = "\(error)"
                    if reason != lastError { logger.error("upstream \(settings.url): cannot connect: \(reason)") }
                    lastError = reason
                    status.update {
                        $0.upstreamConnected = false
                        $0.upstreamLastError = reason
                    }
                    let delay = backoff.nextDelay()
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                }
            }
        } onGracefulShutdown: {
            self.session.withLockedValue { _ = $0?.yield(.shutdown) }
        }
        acknowledgedRows.finish()
        await deleting.value
    }

    /// Takes new upstream settings; a changed endpoint, identity or TLS file reconnects at once.
    func reload(_ settings: UpstreamSettings, reconnect: Bool) {
        currentSettings.withLockedValue { $0 = settings }
        if reconnect { session.withLockedValue { _ = $0?.yield(.reconnect) } }
    }

    private func clientOptions() -> MQTTClientOptions {
        let settings = self.settings
        return MQTTClientOptions(
            endpoint: settings.endpoint, clientID: settings.clientID, cleanStart: false,
            sessionExpirySeconds: UInt32(clamping: settings.sessionExpiry.components.seconds),
            keepAliveSeconds: Int32(clamping: settings.keepAlive.components.seconds), tls: settings.tls,
            sendMaximum: settings.inflight, noDelay: true
        )
    }

    private func runSession(_ client: MQTTClient) async {
        let (inputs, continuation) = AsyncStream<UplinkInput>.makeStream()
        session.withLockedValue { $0 = continuation }
        // One wake-up waiting is enough: the pump it causes reads everything queued by then.
        let wakePending = NIOLockedValueBox(false)
        let wakeUps = signal.onNotify {
            let first = wakePending.withLockedValue { pending in
                defer { pending = true }
                return !pending
            }
            if first { continuation.yield(.queued) }
        }
        defer {
            wakeUps.cancel()
            session.withLockedValue { $0 = nil }
        }
        let now = WallClock.nowUnixMs()
        status.update {
            // A connection after an earlier one (since is set once the first one ends) is a reconnect.
            if $0.upstreamSinceUnixMs != nil { $0.reconnects += 1 }
            $0.upstreamConnected = true
            $0.upstreamSinceUnixMs = now
            $0.upstreamLastError = nil
        }
        logger.info("upstream connected: \(settings.url)")
        if Task.isShuttingDownGracefully { continuation.yield(.shutdown) }

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in client.events { continuation.yield(.mqtt(event)) }
                continuation.finish()
            }
            group.addTask {
                // Paces refused-batch retries, the PUBACK timeout and the drain deadline; new
                // batches and PUBACKs wake the session themselves.
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    continuation.yield(.tick)
                }
            }
            let reason = await drive(client, inputs: inputs, wakePending: wakePending)
            group.cancelAll()
            continuation.finish()
            let when = WallClock.nowUnixMs()
            status.update {
                $0.upstreamConnected = false
                $0.upstreamSinceUnixMs = when
                $0.upstreamLastError = reason
                $0.inflight = 0
            }
            if let reason { logger.warning("upstream session ended: \(reason)") }
        }
    }

    /// Runs one session until the connection drops or a graceful stop finishes draining.
    private func drive(_ client: MQTTClient, inputs: AsyncStream<UplinkInput>, wakePending: NIOLockedValueBox<Bool>) async -> String? {
        let window = settings.inflight
        var session = UplinkSession(
            client: client, store: store, status: status, logger: logger, window: window, topicForLane: topicForLane,
            ackTimeout: max(.seconds(30), settings.keepAlive * 2), timers: timers, outbox: outbox
        )
        defer {
            acknowledgedRows.add(session.takeAcknowledged())
            session.returnUnstored()
        }
        // Rows the last session had acknowledged must be gone before this one reads the queue from the start.
        await acknowledgedRows.waitUntilDeleted()
        var stopDeadline: ContinuousClock.Instant?
        session.pump()
        for await input in inputs {
            switch input {
            case let .mqtt(.published(mid, reasonCode, reportedAt)):
                timers.handoff.record(.now - reportedAt)
                session.acknowledged(mid: mid, reasonCode: reasonCode)
            case let .mqtt(.disconnected(reason)):
                return "disconnected: \(reason)"
            case .mqtt:
                continue
            case .queued:
                wakePending.withLockedValue { $0 = false }  // before the pump below, so a commit during it wakes again
            case .tick:
                acknowledgedRows.add(session.takeAcknowledged())
                session.checkAckTimeout()
            case .shutdown:
                stopDeadline = .now + drainTimeout
            case .reconnect:
                // New settings: let what is in flight be acknowledged first, so nothing is sent twice.
                logger.notice("upstream settings changed; reconnecting after \(session.inflightCount) in-flight batch(es)")
                stopDeadline = .now + drainTimeout
            }
            if let deadline = stopDeadline {
                if session.isIdle || ContinuousClock.now >= deadline { return nil }
                continue
            }
            session.pump()
            if let failure = session.failed { return failure }
            // Each delete is a writer transaction (not synced, but it holds the writer a commit may want), so they
            // are gathered over the 250 ms tick and handed over early only for a long list.
            if session.acknowledgedCount >= max(1, window * 4) { acknowledgedRows.add(session.takeAcknowledged()) }
        }
        return "connection closed"
    }
}
