import ArgumentParser
import Gateway
import Logging
import ServiceLifecycle

/// `vitalgate run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the gateway daemon.")

    @Option(help: "Path to gateway.yaml.")
    var config: String = "/etc/vitalgate/gateway.yaml"

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        MallocArenas.limit()
        let logger = logging.bootstrap(label: "vitalgate")
        let settings: GatewayConfig
        do { settings = try GatewayConfig.load(path: config) } catch { throw exitForBadInput(error) }
        for warning in settings.warnings { logger.warning("\(warning)") }
        let runtime: GatewayRuntime
        do {
            runtime = try GatewayRuntime.make(config: settings, logger: logger)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(1)
        }
        logger.info("gateway \(settings.gatewayID) starting: \(settings.devices.count) device(s), upstream \(settings.upstream.url), queue \(settings.store.path)")
        let group = ServiceGroup(
            configuration: .init(services: runtime.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
        logger.info("gateway stopped")
    }
}
