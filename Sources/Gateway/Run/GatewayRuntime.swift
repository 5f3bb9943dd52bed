import Foundation
import GatewayModel
import Logging
import ServiceLifecycle
import Store
import Wire

/// A gateway assembled from its configuration: the store, the status board and its services in order.
public struct GatewayRuntime: Sendable {
    public let config: GatewayConfig
    public let status: StatusBoard
    public let store: QueueStore
    public let metrics: GatewayMetrics
    /// Readings from outside the configured sources (a replayed record).
    public let feed: PipelineFeed
    /// Services in start order; a graceful stop runs in reverse (sources, then pipeline flush, then uplink).
    public let services: [any Service]

    /// `observer` sees what the analysis finds in every reading (beats included), e.g. to print it.
    public static func make(
        config: GatewayConfig, logger: Logger, observer: (@Sendable (AnalysisOutput) -> Void)? = nil
    ) throws -> GatewayRuntime {
        let store = try QueueStore.open(config.store, logger: logger)
        if let moved = store.quarantinedFile {
            logger.critical("the queue file was corrupt and was moved aside to \(moved); a new queue was started")
        }
        let status = StatusBoard(gatewayID: config.gatewayID, upstreamURL: config.upstream.url, devices: config.devices)
        if let moved = store.quarantinedFile { status.update { $0.quarantinedQueue = moved } }
        let delivery = DeliveryAllowance(maxLatency: Dictionary(uniqueKeysWithValues: Lane.allCases.map { ($0, config.lanePolicy($0).maxLatency) }))
        let metrics = GatewayMetrics(delivery: delivery)
        let signal = QueueSignal()
        let outbox = AlarmOutbox()
        let inbox = PipelineInbox()

        let uplinks = makeUplinks(config, store: store, signal: signal, outbox: outbox, status: status, logger: logger, timers: metrics.timers)
        let pipeline = makePipeline(
            config, inbox: inbox, store: store, signal: signal, outbox: outbox, status: status, logger: logger,
            timers: metrics.timers, observer: observer
        )
        let makeSources: @Sendable (GatewayConfig) -> [any Service] = { [timers = metrics.timers] config in
            deviceSources(for: config, output: inbox, status: status, logger: logger, timers: timers)
        }
        let sources = DeviceSources(sources: makeSources(config), logger: logger.labelled("sources"))
        let parts = GatewayParts(status: status, uplinks: uplinks, sources: sources, pipeline: inbox, makeSources: makeSources)
        let reloader = Reloader(config: config, parts: parts, logger: logger.labelled("reload"))
        let api = ControlAPI(
            socketPath: config.api.socket, status: status, store: store, maxBytes: config.store.maxBytes,
            control: ControlActions(reloader: reloader, pipeline: inbox), logger: logger.labelled("api")
        )
        var services: [any Service] = [api]
        if let address = config.api.metrics {
            services.append(MetricsEndpoint(address: address, metrics: metrics, status: status, store: store, maxBytes: config.store.maxBytes, logger: logger.labelled("metrics")))
        }
        services += uplinks as [any Service]
        services += [QueueJanitor(store: store, logger: logger.labelled("queue")), pipeline, sources, ReloadService(reloader: reloader)]
        services.append(SystemdService(notifier: SystemdNotifier(), status: status, store: store, logger: logger.labelled("systemd")))
        return GatewayRuntime(config: config, status: status, store: store, metrics: metrics, feed: PipelineFeed(inbox: inbox), services: services)
    }

    /// The main upstream connection, and with `upstream.alarmConnection` the alarm-only one beside it.
    private static func makeUplinks(
        _ config: GatewayConfig, store: QueueStore, signal: QueueSignal, outbox: AlarmOutbox, status: StatusBoard, logger: Logger,
        timers: PipelineTimers
    ) -> [UplinkService] {
        let route = config.upstream.alarmConnection ? AlarmRoute() : nil
        let links: [UplinkLink] = route == nil ? [.main] : [.main, .alarm]
        return links.map { link in
            UplinkService(
                settings: config.upstream, gatewayID: config.gatewayID, site: config.site, store: store, signal: signal, status: status,
                logger: logger.labelled(link == .alarm ? "uplink-alarm" : "uplink"), timers: timers, outbox: outbox, link: link, route: route
            )
        }
    }

    private static func makePipeline(
        _ config: GatewayConfig, inbox: PipelineInbox,
        store: QueueStore, signal: QueueSignal, outbox: AlarmOutbox, status: StatusBoard, logger: Logger,
        timers: PipelineTimers, observer: (@Sendable (AnalysisOutput) -> Void)?
    ) -> PipelineService {
        let sealer = Sealer(gatewayID: config.gatewayID, gatewayKey: config.sealing.gatewayKey, recipientKey: config.sealing.recipientKey)
        var policies: [Lane: LanePolicy] = [:]
        for lane in Lane.allCases { policies[lane] = config.lanePolicy(lane) }
        let pipelineLogger = logger.labelled("pipeline")
        let batchSealer = BatchSealer(
            gatewayID: config.gatewayID, sealer: sealer, store: store, signal: signal, outbox: outbox, status: status, logger: pipelineLogger,
            timers: timers
        )
        let committer = BatchCommitter(store: store, signal: signal, status: status, logger: pipelineLogger, outbox: outbox, timers: timers)
        return PipelineService(
            inbox: inbox, analyzer: Analyzer(devices: config.deviceProfiles),
            batcher: Batcher(policies: policies, delivery: timers.delivery), sealer: batchSealer, committer: committer, status: status,
            logger: logger.labelled("pipeline"), timers: timers, observer: observer
        )
    }

    /// One MQTT source for the broker-connected devices and one serial source per serial device.
    static func deviceSources(
        for config: GatewayConfig, output: PipelineInbox, status: StatusBoard, logger: Logger, timers: PipelineTimers = .off
    ) -> [any Service] {
        let devices = config.deviceProfiles
        let mqtt = MQTTSensorSource(
            settings: config.sensors, devices: devices.filter { $0.1.transport != .serial }, output: output,
            status: status, logger: logger.labelled("sensors"), decodeTimer: timers.decode
        )
        let serial: [any Service] = devices.filter { $0.1.transport == .serial }.map { device, profile in
            SerialSource(
                device: device, profile: profile, output: output, status: status, logger: logger.labelled("serial"), decodeTimer: timers.decode)
        }
        return [mqtt] + serial
    }
}

extension Logger {
    /// A logger for one component, sharing the handler and level of its parent.
    func labelled(_ component: String) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = "\(component)"
        return copy
    }
}
