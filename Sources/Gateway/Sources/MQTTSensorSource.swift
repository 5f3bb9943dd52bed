import DeviceCodecs
import Foundation
import GatewayModel
import Logging
import ServiceLifecycle
import Transport

/// Reads MQTT and BLE-bridged devices from the local sensor broker and hands their readings on.
///
/// QoS 1 with a persistent session (clean start false, stable client id) so the broker keeps
/// readings while the gateway restarts.
final class MQTTSensorSource: Service {
    private struct Route: Sendable {
        let filter: TopicFilter
        let decoder: DeviceDecoder
    }

    /// What the consuming loop carries from message to message.
    private struct LoopState {
        var log = RateLimitedLog()
        var router: DeviceRouter
    }

    /// Messages taken from the broker but not yet decoded; beyond it the broker holds them. Short, because an
    /// alarm reading waits behind them here (in the pipeline's inbox it goes ahead, `PipelineQueue`): with 1,024
    /// here and in the inbox, alarm p99 inside the gateway was 35 ms at 30,000 msg/s offered; 18.5–24 ms with 256.
    /// Shorter moves the queue into the broker, where the alarm waits longer end to end: 64 and 64 did, and 32 here
    /// with 480 in the inbox gave slower alarms end to end too (BENCHMARKS.md, "Alarm readings ahead of the queue").
    static let receiveBufferLimit = 256

    private let settings: SensorSettings
    private let routes: [Route]
    private let output: PipelineInbox
    private let status: StatusBoard
    private let logger: Logger
    private let decodeTimer: StageTimer

    init(
        settings: SensorSettings, devices: [(DeviceConfig, DeviceProfile)], output: PipelineInbox, status: StatusBoard, logger: Logger,
        decodeTimer: StageTimer = .off
    ) {
        self.decodeTimer = decodeTimer
        self.settings = settings
        self.routes = devices.compactMap { device, profile in
            device.topic.map { Route(filter: TopicFilter($0), decoder: DeviceDecoder(device: device.info, profile: profile)) }
        }
        self.output = output
        self.status = status
        self.logger = logger
    }

    func run() async throws {
        guard !routes.isEmpty else {
            logger.info("no MQTT devices configured; sensor broker not used")
            return await waitForShutdown()
        }
        var backoff = ReconnectBackoff()
        var state = LoopState(router: DeviceRouter(filters: routes.map(\.filter)))
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var client: MQTTClient?
            do {
                let connection = try MQTTClient(options: clientOptions())
                client = connection
                try await cancelWhenGracefulShutdown { try await connection.connect() }
                for filter in Set(routes.map(\.filter.text)).sorted() { try connection.subscribe(filter, qos: 1) }
            } catch {
                client?.close()
                state.log.warning(logger, key: "connect", "sensor broker \(settings.url) unavailable: \(error)")
                let delay = backoff.nextDelay()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                continue
            }
            guard let client else { continue }
            backoff.reset()
            logger.info("subscribed to \(routes.count) device topic(s) on \(settings.url)")
            await withGracefulShutdownHandler {
                await consume(client, state: &state)
            } onGracefulShutdown: {
                // Closing ends the event stream after what libmosquitto already acknowledged, which
                // consume() still hands on, so nothing acknowledged to the broker is dropped here.
                client.close()
            }
            client.close()
        }
    }

    private func clientOptions() -> MQTTClientOptions {
        MQTTClientOptions(
            endpoint: settings.endpoint, clientID: settings.clientID, cleanStart: false,
            sessionExpirySeconds: 86400, tls: settings.tls, receiveBufferLimit: Self.receiveBufferLimit
        )
    }

    private func consume(_ client: MQTTClient, state: inout LoopState) async {
        var handled = 0
        for await event in client.events {
            switch event {
            case let .message(message):
                await handle(message, state: &state)
                handled &+= 1
                // A busy stream never suspends the loop; let the uplink and the pipeline run.
                if handled % 64 == 0 { await Task.yield() }
            case let .disconnected(reason):
                if !Task.isShuttingDownGracefully {
                    state.log.warning(logger, key: "disconnect", "sensor broker connection lost: \(reason)")
                }
                return
            case .connected, .published:
                continue
            }
        }
    }

    private func handle(_ message: MQTTMessage, state: inout LoopState) async {
        // Latency counts from libmosquitto's hand-over, so time in the receive buffer is included.
        let arrived = message.receivedAt
        let now = WallClock.nowUnixMs()
        let matches = state.router.routes(for: message.topic)
        for index in matches {
            let route = routes[index]
            let device = route.decoder.device
            do throws(DecodeError) {
                let (mapped, decoded) = try decodeTimer.measure { () throws(DecodeError) in
                    try route.decoder.decodeAndMap(message.payload, topic: message.topic, nowUnixMs: now)
                }
                status.record(mapped, decoded, device: device.id, at: now)
                guard !mapped.measurements.isEmpty || !mapped.waveforms.isEmpty || !decoded.conditions.isEmpty else { continue }
                await output.send(
                    device: device, lane: route.decoder.profile.lane, measurements: mapped.measurements, waveforms: mapped.waveforms,
                    conditions: decoded.conditions, arrivedAt: arrived, urgent: mapped.mayAlarm
                )
            } catch {
                status.recordDecodeError(device: device.id, message: error.message)
                state.log.warning(logger, key: device.id, "device \(device.id): malformed payload on \(message.topic): \(error.message)")
            }
        }
        if matches.isEmpty { status.recordUnroutable() }
    }

    private func waitForShutdown() async {
        try? await gracefulShutdown()
    }
}
