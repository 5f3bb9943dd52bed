import Foundation
import GatewayModel
import Logging
import ServiceLifecycle
import Transport

/// Subscribes to the upstream broker and feeds every envelope to a `ReceiverCore`.
public final class ReceiverService: Service {
    public let core: ReceiverCore
    private let config: ReceiverConfig
    private let logger: Logger

    public init(config: ReceiverConfig, logger: Logger) throws {
        self.config = config
        self.core = try ReceiverCore(config: config, logger: logger)
        self.logger = logger
    }

    public func run() async {
        var backoff = ReconnectBackoff()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let client: MQTTClient
            do {
                client = try MQTTClient(options: MQTTClientOptions(
                    endpoint: config.endpoint, clientID: config.clientID, cleanStart: false,
                    sessionExpirySeconds: 7 * 86400, tls: config.tls, noDelay: true
                ))
                try await cancelWhenGracefulShutdown { try await client.connect() }
                for filter in config.subscriptionFilters { try client.subscribe(filter, qos: 1) }
            } catch {
                logger.warning("receiver: upstream \(config.url) unavailable: \(error)")
                let delay = backoff.nextDelay()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                continue
            }
            backoff.reset()
            logger.info("receiver subscribed to \(config.subscriptionFilters.joined(separator: ", ")) on \(config.url)")
            await withGracefulShutdownHandler {
                for await event in client.events {
                    if case let .message(message) = event {
                        // Received is when the broker's message arrived, not when this loop got to it.
                        core.receive(topic: message.topic, payload: message.payload, receivedUnixMs: WallClock.unixMs(at: message.receivedAt))
                        await Task.yield()
                    } else if case let .disconnected(reason) = event {
                        if !Task.isShuttingDownGracefully { logger.warning("receiver: disconnected: \(reason)") }
                        break
                    }
                }
            } onGracefulShutdown: {
                client.close()
            }
            client.close()
        }
        let totals = core.statistics
        logger.info("receiver totals: received \(totals.received), accepted \(totals.accepted), duplicates \(totals.duplicates), rejected \(totals.rejectedTotal)")
    }
}
