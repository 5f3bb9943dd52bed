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
    /// Services in start order; a graceful stop runs in reverse (sources, then pipeline flush, then uplink).
    public let services: [any Service]

    public static func make(config: GatewayConfig, logger: Logger) throws -> GatewayRuntime {
        let store = try QueueStore.open(config.store, logger: logger)
        if let moved = store.quarantinedFile {
            logger.critical("the queue file was corrupt and was moved aside to \(moved); a new queue was started")
        }
        let status = StatusBoard(gatewayID: config.gatewayID, upstreamURL: config.upstream.url, devices: config.devices)
        if let moved = store.quarantinedFile { status.update { $0.quarantinedQueue = moved } }
        let signal = QueueSignal()
        let devices = config.devices.compactMap { device in config.profiles[device.info.profile].map { (device, $0) } }
        let (input, continuation) = AsyncStream<PipelineInput>.makeStream()
        let sealer = Sealer(gatewayID: config.gatewayID, gatewayKey: config.sealing.gatewayKey, recipientKey: config.sealing.recipientKey)
        var policies: [Lane: LanePolicy] = [:]
        for lane in Lane.allCases { policies[lane] = config.lanePolicy(lane) }

        let uplink = UplinkService(
            settings: config.upstream, gatewayID: config.gatewayID, site: config.site, store: store, signal: signal,
            status: status, logger: logger.labelled("uplink")
        )
        let pipeline = PipelineService(
            input: input, inputContinuation: continuation, analyzer: Analyzer(devices: devices), batcher: Batcher(policies: policies),
            committer: BatchCommitter(gatewayID: config.gatewayID, sealer: sealer, store: store, signal: signal, status: status, logger: logger.labelled("pipeline")),
            status: status, logger: logger.labelled("pipeline")
        )
        let janitor = QueueJanitor(store: store, logger: logger.labelled("queue"))
        let source = MQTTSensorSource(
            settings: config.sensors, devices: devices.filter { $0.1.transport != .serial }, output: continuation,
            status: status, logger: logger.labelled("sensors")
        )
        let serialSources: [any Service] = devices.filter { $0.1.transport == .serial }.map { device, profile in
            SerialSource(device: device, profile: profile, output: continuation, status: status, logger: logger.labelled("serial"))
        }
        let systemd = SystemdService(notifier: SystemdNotifier(), status: status, store: store, logger: logger.labelled("systemd"))
        let api = ControlAPI(socketPath: config.api.socket, status: status, store: store, maxBytes: config.store.maxBytes, logger: logger.labelled("api"))
        return GatewayRuntime(
            config: config, status: status, store: store, services: [api, uplink, janitor, pipeline, source] + serialSources + [systemd]
        )
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
