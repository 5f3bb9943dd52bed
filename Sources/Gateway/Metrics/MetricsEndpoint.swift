import GatewayModel
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store

/// Serves `GET /metrics` in the Prometheus text format on the configured (loopback) TCP address.
///
/// Like the control API, losing it never stops the gateway.
final class MetricsEndpoint: Service {
    private let address: MetricsAddress
    private let metrics: GatewayMetrics
    private let status: StatusBoard
    private let store: QueueStore
    private let maxBytes: Int64
    private let logger: Logger

    init(address: MetricsAddress, metrics: GatewayMetrics, status: StatusBoard, store: QueueStore, maxBytes: Int64, logger: Logger) {
        self.address = address
        self.metrics = metrics
        self.status = status
        self.store = store
        self.maxBytes = maxBytes
        self.logger = logger
    }

    func run() async {
        let router = Router()
        router.get("/metrics") { _, _ in self.response() }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "vitalgate"),
            onServerRunning: { [address, logger] _ in logger.info("metrics on http://\(address.host):\(address.port)/metrics") },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            logger.error("metrics unavailable on \(address.host):\(address.port): \(error); the gateway runs on without them")
            try? await gracefulShutdown()
        }
    }

    private func response() -> Response {
        let body = metrics.exposition(snapshot: status.snapshot(), queue: try? store.stats(), maxBytes: maxBytes, nowUnixMs: WallClock.nowUnixMs())
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
