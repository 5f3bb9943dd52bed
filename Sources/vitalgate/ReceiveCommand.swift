import ArgumentParser
import Logging
import Receiver
import ServiceLifecycle

/// `vitalgate receive`: the reference platform receiver.
struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Reference receiver: open, verify, deduplicate and write FHIR R4 NDJSON."
    )

    @Option(help: "Path to receiver.yaml.")
    var config: String

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap(label: "vitalgate-receiver")
        let settings: ReceiverConfig
        do { settings = try ReceiverConfig.load(path: config) } catch { throw exitForBadInput(error) }
        let service: ReceiverService
        do { service = try ReceiverService(config: settings, logger: logger) } catch {
            logger.critical("cannot start the receiver: \(error)")
            throw ExitCode(1)
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        let stats = service.core.statistics
        logger.info("receiver stopped: \(stats.accepted) batches written, \(stats.duplicates) duplicates, \(stats.rejectedTotal) rejected")
    }
}
