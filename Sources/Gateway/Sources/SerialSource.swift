import DeviceCodecs
import GatewayModel
import Logging
import ServiceLifecycle
import Transport

/// Reads one serial bedside device: opens its port, decodes the byte stream, and when the device
/// goes away (USB unplugged, cable pulled) marks it disconnected and reopens with back-off.
final class SerialSource: Service {
    private let device: DeviceConfig
    private let profile: DeviceProfile
    private let path: String
    private let settings: SerialSettings
    private let mapper: ChannelMapper
    private let output: PipelineInbox
    private let status: StatusBoard
    private let logger: Logger
    private let decodeTimer: StageTimer

    init(
        device: DeviceConfig, profile: DeviceProfile, output: PipelineInbox, status: StatusBoard, logger: Logger,
        decodeTimer: StageTimer = .off
    ) {
        self.decodeTimer = decodeTimer
        self.device = device
        self.profile = profile
        self.path = device.port ?? ""
        self.settings = profile.serial ?? SerialSettings()
        self.mapper = ChannelMapper(device: device.info.id, profile: profile)
        self.output = output
        self.status = status
        self.logger = logger
    }

    func run() async {
        var backoff = ReconnectBackoff(base: .milliseconds(500), cap: .seconds(30))
        var log = RateLimitedLog(interval: .seconds(60))
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let port: SerialPort
            do {
                port = try SerialPort(path: path, settings: settings)
            } catch {
                status.recordDeviceState(device.info.id, .disconnected, reason: "\(error)")
                log.warning(logger, key: "open", "device \(device.info.id): \(error); retrying")
                let delay = backoff.nextDelay()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                continue
            }
            backoff.reset()
            logger.info("device \(device.info.id): reading \(path) at \(settings.baudRate) baud")
            // A new opening starts a new stream: half a frame from before means nothing now.
            var decoder = StreamDecoders.make(for: profile)
            await withGracefulShutdownHandler {
                await consume(port, decoder: &decoder, log: &log)
            } onGracefulShutdown: {
                port.close()
            }
            port.close()
        }
    }

    private func consume(_ port: SerialPort, decoder: inout any ByteStreamDecoder, log: inout RateLimitedLog) async {
        for await event in port.events {
            switch event {
            case let .data(bytes):
                let arrived = ContinuousClock.now
                let now = WallClock.nowUnixMs()
                let (decoded, mapped) = decodeTimer.measure {
                    let decoded = decoder.decode(bytes, nowUnixMs: now)
                    return (decoded, mapper.map(decoded))
                }
                status.record(mapped, decoded, device: device.info.id, at: now)
                if let error = decoded.errors.first {
                    log.warning(logger, key: "decode", "device \(device.info.id): \(decoded.errors.count) bad frame(s) on \(path): \(error.message)")
                }
                if !mapped.measurements.isEmpty || !mapped.waveforms.isEmpty || !decoded.conditions.isEmpty {
                    await output.send(
                        device: device.info, lane: profile.lane, measurements: mapped.measurements, waveforms: mapped.waveforms,
                        conditions: decoded.conditions, arrivedAt: arrived, urgent: mapped.mayAlarm
                    )
                }
            case let .closed(reason):
                if !Task.isShuttingDownGracefully {
                    status.recordDeviceState(device.info.id, .disconnected, reason: reason)
                    logger.warning("device \(device.info.id): \(path) went away (\(reason)); reopening")
                }
            }
        }
    }
}
