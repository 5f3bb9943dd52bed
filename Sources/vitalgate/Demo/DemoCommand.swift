import ArgumentParser
import Foundation
import Gateway
import Logging
import Receiver
import ServiceLifecycle
import LocalLab
import Wire

/// `vitalgate demo`: brokers, a simulated ward, the gateway and a receiver, all on this machine.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole simulated ward on this machine: brokers, devices, gateway, receiver, live view."
    )

    @Option(help: "How long to run, in seconds (Ctrl-C stops earlier).") var seconds: Int = 60
    @Option(help: "Simulated beds.") var beds: Int = 6
    @Option(help: "Folder with device profiles.") var profiles: String = "DeviceProfiles"
    @Option(help: "Scratch folder (default: a new folder under /tmp).") var dir: String?
    @Option(help: "WFDB record the simulated ECG monitor plays.") var record: String = "TestData/mitdb/100"

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        // Warnings only by default, so the live view stays readable.
        let logger = logging.bootstrap(label: "vitalgate-demo", defaultLevel: .warning)
        let lab = try DemoLab.make(dir: dir, profiles: profiles, beds: beds)
        defer { lab.stop() }
        print("demo: scratch folder \(lab.dir)")
        print("demo: sensor broker \(lab.sensorBroker.url) (plain), upstream broker \(lab.upstreamBroker.url) (mutual TLS)")
        print("demo: serial devices on pseudo-terminals \(lab.masimoLine.devicePath) (Masimo ASCII) and \(lab.noninLine.devicePath) (Nonin #2); BLE heart-rate strap on \(DemoLab.bleTopic)")
        print("demo: ECG + pleth monitor (MIT-BIH \(record)) on \(lab.ecgLine.devicePath), bed 10; every minute: leads off at 15 s, ECG pause with pulses at 32 s (suppressed), asystole at 45 s")

        let gatewayConfig: GatewayConfig
        let receiverConfig: ReceiverConfig
        do {
            gatewayConfig = try GatewayConfig.load(path: lab.gatewayConfigPath)
            receiverConfig = try ReceiverConfig.load(path: lab.receiverConfigPath)
        } catch {
            throw exitForBadInput("\(error)")
        }
        let runtime = try GatewayRuntime.make(config: gatewayConfig, logger: logger)
        let receiver = try ReceiverService(config: receiverConfig, logger: logger)
        let simulator = WardSimulator(endpoint: gatewayConfig.sensors.endpoint, beds: beds, interval: .milliseconds(250), logger: logger)
        let bedside = BedsideSimulators(masimo: lab.masimoLine, nonin: lab.noninLine, sensorBroker: gatewayConfig.sensors.endpoint, bleTopic: DemoLab.bleTopic)
        let monitor = ECGMonitorSimulator(line: lab.ecgLine, record: record)
        let view = LiveView(runtime: runtime, receiver: receiver.core, simulator: simulator, outputDirectory: receiverConfig.outputDirectory, seconds: seconds)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: receiver)] + runtime.services.map { .init(service: $0) }
                + [.init(service: simulator), .init(service: bedside), .init(service: monitor), .init(service: view, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
        view.printSummary()
        print("demo: stopped; FHIR output kept in \(receiverConfig.outputDirectory)")
    }
}
