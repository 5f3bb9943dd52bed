import Foundation
import GatewayModel
import Logging
import ServiceLifecycle
import Store
import Synchronization
import Transport

/// Forwards queued batches upstream over MQTT 5 (QoS 1, TLS), reconnecting with jittered backoff.
final class UplinkService: Service {
    private let settings: UpstreamSettings
    private let store: QueueStore
    private let signal: QueueSignal
    private let status: StatusBoard
    private let logger: Logger
    private let topicForLane: [Lane: String]
    /// How long a graceful stop waits for outstanding PUBACKs.
    private let drainTimeout: Duration
    private let session = Mutex<AsyncStream<UplinkInput>.Continuation?>(nil)

    init(settings: UpstreamSettings, gatewayID: String, site: String, store: QueueStore, signal: QueueSignal, status: StatusBoard, logger: Logger, drainTimeout: Duration = .seconds(3)) {
        self.settings = settings
        self.store = store
        self.signal = signal
        self.status = status
        self.logger = logger
        self.drainTimeout = drainTimeout
        var topics: [Lane: String] = [:]
        for lane in Lane.allCases { topics[lane] = "\(settings.topicPrefix)/\(site)/\(gatewayID)/\(lane.rawValue)" }
        self.topicForLane = topics
    }

    func run() async {
        if settings.insecure, !settings.endpoint.useTLS {
            logger.warning("upstream \(settings.url) is PLAINTEXT (insecure: true): sealed batches are still end-to-end encrypted, but metadata and credentials travel in clear")
        }
        var backoff = ReconnectBackoff(base: .milliseconds(250), cap: .seconds(30))
        var lastError: String?
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
            self.session.withLock { _ = $0?.yield(.shutdown) }
        }
    }

    private func clientOptions() -> MQTTClientOptions {
        MQTTClientOptions(
            endpoint: settings.endpoint, clientID: settings.clientID, cleanStart: false,
            sessionExpirySeconds: UInt32(clamping: settings.sessionExpiry.components.seconds),
            keepAliveSeconds: Int32(clamping: settings.keepAlive.components.seconds), tls: settings.tls,
            sendMaximum: settings.inflight
        )
    }

    private func runSession(_ client: MQTTClient) async {
        let (inputs, continuation) = AsyncStream<UplinkInput>.makeStream()
        session.withLock { $0 = continuation }
        defer { session.withLock { $0 = nil } }
        let now = WallClock.nowUnixMs()
        status.update {
            $0.upstreamConnected = true
            $0.upstreamSinceUnixMs = now
            $0.upstreamLastError = nil
            if $0.upstreamSinceUnixMs != nil { $0.reconnects += 1 }
        }
        logger.info("upstream connected: \(settings.url)")
        if Task.isShuttingDownGracefully { continuation.yield(.shutdown) }

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in client.events { continuation.yield(.mqtt(event)) }
                continuation.finish()
            }
            group.addTask { [signal] in
                for await _ in signal.updates() { continuation.yield(.queued) }
            }
            group.addTask {
                // Paces refused-batch retries, the PUBACK timeout and the drain deadline; new
                // batches and PUBACKs wake the session themselves.
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    continuation.yield(.tick)
                }
            }
            let reason = await drive(client, inputs: inputs)
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
    private func drive(_ client: MQTTClient, inputs: AsyncStream<UplinkInput>) async -> String? {
        var session = UplinkSession(
            client: client, store: store, status: status, logger: logger, window: settings.inflight, topicForLane: topicForLane,
            ackTimeout: max(.seconds(30), settings.keepAlive * 2)
        )
        defer { session.flushAcknowledged() }
        var stopDeadline: ContinuousClock.Instant?
        session.pump()
        for await input in inputs {
            switch input {
            case let .mqtt(.published(mid, reasonCode)):
                session.acknowledged(mid: mid, reasonCode: reasonCode)
                if session.inflightCount < settings.inflight / 2 { session.flushAcknowledged() }
            case let .mqtt(.disconnected(reason)):
                return "disconnected: \(reason)"
            case .mqtt:
                continue
            case .queued:
                session.flushAcknowledged()
            case .tick:
                session.flushAcknowledged()
                session.checkAckTimeout()
            case .shutdown:
                stopDeadline = .now + drainTimeout
            }
            if let deadline = stopDeadline {
                if session.isIdle || ContinuousClock.now >= deadline { return nil }
                continue
            }
            session.pump()
            if let failure = session.failed { return failure }
        }
        return "connection closed"
    }
}
