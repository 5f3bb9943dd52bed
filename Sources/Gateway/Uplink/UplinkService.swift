import CoreMetrics
import Foundation
import GatewayModel
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Synchronization
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
    /// Counts reloads, so a rest between connections can end early.
    private let reloads = Atomic<Int>(0)
    private let timers: PipelineTimers
    private let outbox: AlarmOutbox?
    private let acknowledgedRows: AcknowledgedRows
    private let link: UplinkLink
    /// Shared by the main and the alarm connection: which of them carries the alarm lane now.
    private let route: AlarmRoute?

    init(
        settings: UpstreamSettings, gatewayID: String, site: String, store: QueueStore, signal: QueueSignal, status: StatusBoard,
        logger: Logger, timers: PipelineTimers = .off, outbox: AlarmOutbox? = nil, drainTimeout: Duration = .seconds(3),
        link: UplinkLink = .main, route: AlarmRoute? = nil
    ) {
        self.outbox = outbox
        self.link = link
        self.route = route
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
        showClientID(settings)
    }

    /// Also makes the alarm connection appear in the status before its first attempt.
    private func showClientID(_ settings: UpstreamSettings) {
        let clientID = link.clientID(settings)
        status.update { [link] in $0[link: link].clientID = clientID }
    }

    func run() async {
        if settings.insecure, !settings.endpoint.useTLS {
            logger.warning("upstream \(settings.url) is PLAINTEXT (insecure: true): sealed batches are still end-to-end encrypted, but metadata and credentials travel in clear")
        }
        var backoff = ReconnectBackoff()
        var refusalHold = Self.firstRefusalHold
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
                    let refused = await runSession(client)
                    client.close()
                    // A connection that drops right after it opened (a broker refusing us, a
                    // flapping link) must not turn into a tight reconnect loop.
                    if !Task.isShuttingDownGracefully {
                        let delay = refused ? refusalHold : backoff.nextDelay()
                        if refused { logger.warning("\(link.name): trying again in \(delay)") }
                        refusalHold = refused ? min(refusalHold * 2, Self.lastRefusalHold) : Self.firstRefusalHold
                        await rest(delay, untilMainConnects: !refused)
                    }
                } catch {
                    // A connect abandoned because the gateway is stopping is not a fault worth an error.
                    if Task.isShuttingDownGracefully { break }
                    let reason = "\(error)"
                    if reason != lastError { logger.error("\(link.name) \(settings.url): cannot connect: \(reason)\(fallbackNote)") }
                    lastError = reason
                    status.update { [link] in
                        $0[link: link].connected = false
                        $0[link: link].lastError = reason
                    }
                    await rest(backoff.nextDelay(), untilMainConnects: true)
                }
            }
        } onGracefulShutdown: {
            self.session.withLockedValue { _ = $0?.yield(.shutdown) }
        }
        acknowledgedRows.finish()
        await deleting.value
    }

    /// Sleeps `delay` between connections, less if a reload comes meanwhile (a mended ACL or certificate deserves
    /// a prompt try, not the rest of a 15-minute refusal hold) or the gateway stops; for the alarm connection, also
    /// less if `untilMainConnects` and the main connection connects meanwhile.
    private func rest(_ delay: Duration, untilMainConnects: Bool) async {
        let watched = link == .alarm && untilMainConnects ? route : nil
        let generation = (reloads.load(ordering: .acquiring), watched?.mainConnections)
        let end = ContinuousClock.now + delay
        while ContinuousClock.now < end, !Task.isShuttingDownGracefully, !Task.isCancelled,
            reloads.load(ordering: .acquiring) == generation.0, watched?.mainConnections == generation.1
        {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: min(.milliseconds(250), end - .now)) }
        }
    }

    /// Takes new upstream settings; a changed endpoint, identity or TLS file reconnects at once.
    func reload(_ settings: UpstreamSettings, reconnect: Bool) {
        reloads.add(1, ordering: .releasing)
        currentSettings.withLockedValue { $0 = settings }
        showClientID(settings)
        if reconnect { session.withLockedValue { _ = $0?.yield(.reconnect) } }
    }

    /// Whether this connection sends the alarm lane now: the alarm connection always, the main one while the
    /// alarm connection is down or not configured.
    private var carriesAlarms: @Sendable () -> Bool {
        guard link == .main, let route else { return { true } }
        return { !route.alarmConnectionUp }
    }

    /// Said when the alarm connection cannot connect or drops, so no one reads it as alarms being held.
    private var fallbackNote: String { link == .alarm ? "; alarms go over the main connection meanwhile" : "" }

    private func clientOptions() -> MQTTClientOptions {
        let settings = self.settings
        return MQTTClientOptions(
            endpoint: settings.endpoint, clientID: link.clientID(settings), cleanStart: false,
            sessionExpirySeconds: UInt32(clamping: settings.sessionExpiry.components.seconds),
            keepAliveSeconds: Int32(clamping: settings.keepAlive.components.seconds), tls: settings.tls,
            sendMaximum: settings.inflight, noDelay: true
        )
    }

    /// How long the alarm connection rests after the broker refused an alarm on it, doubling while that repeats:
    /// long enough that alarms do not keep taking a refused detour, short enough to notice a mended ACL.
    private static let firstRefusalHold = Duration.seconds(30)
    private static let lastRefusalHold = Duration.seconds(900)

    /// How late an alarm's PUBACK may be on the alarm connection before it is given up for dead and the main
    /// connection sends the alarm: an idle connection's path can die silently (a NAT dropping it, say), and the
    /// keep-alive would notice only after one and a half keep-alive periods.
    private static let alarmAckTimeout = Duration.seconds(5)

    /// Runs one connected session; true if it ended because the broker refused an alarm on the alarm connection.
    private func runSession(_ client: MQTTClient) async -> Bool {
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
        status.update { [link] in
            // A connection after an earlier one (since is set once the first one ends) is a reconnect.
            if $0[link: link].sinceUnixMs != nil { $0[link: link].reconnects += 1 }
            $0[link: link].connected = true
            $0[link: link].sinceUnixMs = now
            $0[link: link].lastError = nil
        }
        if link == .main {
            logger.info("upstream connected: \(settings.url)")
            route?.mainConnected()
        }
        if Task.isShuttingDownGracefully { continuation.yield(.shutdown) }

        return await withTaskGroup(of: Void.self) { group in
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
            let (reason, refused) = await drive(client, inputs: inputs, wakePending: wakePending)
            group.cancelAll()
            continuation.finish()
            let when = WallClock.nowUnixMs()
            status.update { [link] in
                $0[link: link].connected = false
                $0[link: link].sinceUnixMs = when
                $0[link: link].lastError = reason
                $0[link: link].inflight = 0
            }
            if link == .alarm {
                // The main connection takes the alarm lane back; wake it, as no commit may come soon.
                route?.set(up: false)
                signal.notify()
            }
            if let reason { logger.warning("\(link.name) session ended: \(reason)\(fallbackNote)") }
            return refused
        }
    }

    /// Runs one session until the connection drops or a graceful stop finishes draining: why it ended (nil for a
    /// graceful stop), and whether it was the broker refusing an alarm on the alarm connection.
    private func drive(
        _ client: MQTTClient, inputs: AsyncStream<UplinkInput>, wakePending: NIOLockedValueBox<Bool>
    ) async -> (reason: String?, refused: Bool) {
        let window = settings.inflight
        var session = UplinkSession(
            client: client, store: store, status: status, logger: logger, window: window, topicForLane: topicForLane,
            ackTimeout: link == .alarm ? Self.alarmAckTimeout : max(.seconds(30), settings.keepAlive * 2), timers: timers, outbox: outbox, link: link,
            carriesAlarms: carriesAlarms
        )
        defer {
            acknowledgedRows.add(session.takeAcknowledged())
            session.returnUnstored()
        }
        // Rows the last session had acknowledged must be gone before this one reads the queue from the start.
        await acknowledgedRows.waitUntilDeleted()
        var stopDeadline: ContinuousClock.Instant?
        session.pump()
        // Only now, with the queued alarms sent: a main connection that saw the route up earlier could send its
        // backlog first, and after an outage the alarms must lead.
        if link == .alarm {
            route?.set(up: true)
            logger.info("upstream alarm connection connected: \(settings.url); it carries the alarm lane now")
        }
        for await input in inputs {
            switch input {
            case let .mqtt(.published(mid, reasonCode, reportedAt)):
                timers.handoff.record(.now - reportedAt)
                session.acknowledged(mid: mid, reasonCode: reasonCode)
            case let .mqtt(.disconnected(reason)):
                return ("disconnected: \(reason)", false)
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
                if session.isIdle || ContinuousClock.now >= deadline { return (nil, false) }
                continue
            }
            session.pump()
            if let failure = session.failed { return (failure, session.refusedOnAlarmConnection) }
            // Each delete is a writer transaction (not synced, but it holds the writer a commit may want), so they
            // are gathered over the 250 ms tick and handed over early only for a long list.
            if session.acknowledgedCount >= max(1, window * 4) { acknowledgedRows.add(session.takeAcknowledged()) }
        }
        return ("connection closed", false)
    }
}
