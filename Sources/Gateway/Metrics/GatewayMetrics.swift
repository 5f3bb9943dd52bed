import CoreMetrics
import GatewayModel
import NIOConcurrencyHelpers
import Prometheus
import Store

/// The gateway's metrics: swift-metrics handles on a Prometheus registry, owned by one runtime.
///
/// Most figures already live in the `StatusBoard`; rather than touch every hot path twice, the
/// exporter brings counters and gauges up to date from a snapshot when Prometheus scrapes. Only the
/// histograms (stage costs, PUBACK and reading latency), which need every sample, are recorded where
/// the work happens, through `timers`.
public final class GatewayMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let backend: PrometheusBackend
    /// Counter values already exported, by series, so a scrape adds only what is new.
    private let exported = NIOLockedValueBox<[Series: Int64]>([:])
    /// Stage costs and latencies, recorded by the sources, the pipeline and the uplink.
    let timers: PipelineTimers

    struct Series: Hashable {
        let name: String
        let labels: [String]
    }

    /// `delivery`: the batcher's learnt allowance, fed at each PUBACK through `timers` and exported as a gauge.
    init(delivery: DeliveryAllowance? = nil) {
        let backend = PrometheusBackend(registry: registry)
        self.backend = backend
        func timer(_ label: String, _ dimensions: [(String, String)] = []) -> StageTimer {
            StageTimer(timer: CoreMetrics.Timer(label: label, dimensions: dimensions, factory: backend))
        }
        var timers = PipelineTimers()
        timers.decode = timer(MetricCatalog.stageDuration, [("stage", "decode")])
        timers.inputWait = timer(MetricCatalog.inputWait)
        timers.analyse = timer(MetricCatalog.stageDuration, [("stage", "analyse")])
        timers.tick = timer(MetricCatalog.stageDuration, [("stage", "tick")])
        timers.seal = timer(MetricCatalog.stageDuration, [("stage", "seal")])
        timers.commit = timer(MetricCatalog.stageDuration, [("stage", "commit")])
        timers.publish = timer(MetricCatalog.stageDuration, [("stage", "publish")])
        timers.handoff = timer(MetricCatalog.stageDuration, [("stage", "handoff")])
        timers.puback = timer(MetricCatalog.pubackLatency)
        for lane in Lane.allCases {
            timers.readingLatency[lane] = timer(MetricCatalog.readingLatency, [("lane", lane.rawValue)])
            timers.readingToPublish[lane] = timer(MetricCatalog.readingPublishLatency, [("lane", lane.rawValue)])
            timers.readingToClose[lane] = timer(MetricCatalog.readingCloseLatency, [("lane", lane.rawValue)])
        }
        timers.arrivals = BatchArrivals()
        timers.delivery = delivery
        self.timers = timers
    }

    /// The Prometheus text exposition of every metric, brought up to date first.
    func exposition(snapshot: GatewaySnapshot, queue: QueueStats?, maxBytes: Int64, nowUnixMs: Int64) -> [UInt8] {
        refresh(snapshot: snapshot, queue: queue, maxBytes: maxBytes, nowUnixMs: nowUnixMs)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    /// Adds to a counter what its source total gained since the last scrape.
    func count(_ name: String, _ labels: [(String, String)] = [], total: Int64) {
        let series = Series(name: name, labels: labels.map { "\($0.0)=\($0.1)" })
        let delta = exported.withLockedValue { seen -> Int64 in
            let previous = seen[series] ?? 0
            seen[series] = max(previous, total)
            return total - previous
        }
        let counter = CoreMetrics.Counter(label: name, dimensions: labels, factory: backend)
        // Registering with zero still creates the series, so dashboards see it before the first event.
        counter.increment(by: max(delta, 0))
    }

    func gauge(_ name: String, _ value: Double, labels: [(String, String)] = []) {
        CoreMetrics.Gauge(label: name, dimensions: labels, factory: backend).record(value)
    }
}
