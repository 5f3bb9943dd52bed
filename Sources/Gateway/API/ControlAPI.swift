import Foundation
import GatewayModel
import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// The local control API on a Unix domain socket: status, devices, alarms, queue and health, for
/// `vitalgate status` and the operator's tools. Losing it never stops the gateway.
final class ControlAPI: Service {
    static let version = "0.1.0"

    private let socketPath: String
    private let status: StatusBoard
    private let store: QueueStore
    private let maxBytes: Int64
    private let control: ControlActions
    private let logger: Logger

    init(socketPath: String, status: StatusBoard, store: QueueStore, maxBytes: Int64, control: ControlActions, logger: Logger) {
        self.socketPath = socketPath
        self.status = status
        self.store = store
        self.maxBytes = maxBytes
        self.control = control
        self.logger = logger
    }

    func run() async {
        // A socket file left by a killed predecessor would make the bind fail.
        unlink(socketPath)
        let application = Application(
            router: router(),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "vitalgate"),
            onServerRunning: { [socketPath, logger] _ in
                // Owner and the vitalgate group (operators), nobody else.
                chmod(socketPath, 0o660)
                logger.info("control API listening on \(socketPath)")
            },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            logger.error("control API unavailable on \(socketPath): \(error); the gateway runs on without it")
            try? await gracefulShutdown()
        }
        unlink(socketPath)
    }

    func document() -> StatusDocument {
        StatusDocument.make(snapshot: status.snapshot(), queue: try? store.stats(), maxBytes: maxBytes, version: Self.version, now: WallClock.nowUnixMs())
    }

    private func router() -> Router<ControlContext> {
        let router = Router(context: ControlContext.self)
        router.get("/v1/status") { _, _ in self.document() }
        router.get("/v1/devices") { _, _ in self.document().devices }
        router.get("/v1/alarms") { _, _ in self.document().alarms }
        router.get("/v1/queue") { _, _ in self.document().queue }
        router.get("/v1/health") { _, _ in
            let health = self.health()
            return EditedResponse(status: health.problems.isEmpty ? .ok : .serviceUnavailable, response: health)
        }
        router.post("/v1/reload") { _, context in
            try await self.authorize(context, "reload")
            let outcome = await self.control.reload()
            return EditedResponse(status: outcome.applied ? .ok : .unprocessableContent, response: outcome)
        }
        router.post("/v1/queue/flush") { _, context in
            try await self.authorize(context, "queue flush")
            self.control.flushQueue()
            return EditedResponse(status: .accepted, response: Accepted(status: "flushing", detail: "open batches are being sealed and committed"))
        }
        return router
    }

    /// Mutating calls only for root or the service user, as the kernel reports the peer.
    private func authorize(_ context: ControlContext, _ action: String) async throws {
        let peer = await PeerCredentials.of(context.channel)
        guard let peer, peer.mayControl else {
            logger.warning("refused \(action) from uid \(peer.map { String($0.uid) } ?? "unknown") (pid \(peer.map { String($0.pid) } ?? "?"))")
            throw HTTPError(.forbidden, message: "\(action) is allowed only for root or the vitalgate service user")
        }
        logger.notice("\(action) requested by uid \(peer.uid) (pid \(peer.pid))")
    }

    /// 200 while the store answers, the pipeline turns and the uplink is connected; else 503 with reasons.
    private func health() -> Health {
        let snapshot = status.snapshot()
        var problems: [String] = []
        if (try? store.stats()) == nil { problems.append("store: queue unreadable") }
        if let degraded = snapshot.degraded { problems.append(degraded) }
        if !snapshot.upstream.connected { problems.append("uplink: not connected to \(snapshot.upstreamURL)") }
        if snapshot.pipelineTicks == 0 { problems.append("pipeline: not running yet") }
        return Health(status: problems.isEmpty ? "ok" : "unhealthy", problems: problems)
    }
}

/// `GET /v1/health`.
struct Health: ResponseEncodable {
    var status: String
    var problems: [String]
}

/// A mutating call that was taken on.
struct Accepted: ResponseEncodable {
    var status: String
    var detail: String
}

extension ReloadOutcome: ResponseEncodable {}
extension StatusDocument: ResponseEncodable {}
extension StatusDocument.Device: ResponseEncodable {}
extension StatusDocument.Alarm: ResponseEncodable {}
extension StatusDocument.Queue: ResponseEncodable {}
