import ArgumentParser

/// The `vitalgate` command: the daemon, the reference receiver and the technician's tools.
@main
struct VitalGate: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "vitalgate",
        abstract: "Edge gateway for bedside medical sensors: store, seal and forward vital signs.",
        version: version,
        subcommands: [
            RunCommand.self, DemoCommand.self, ConfigCommand.self, ProfileCommand.self, KeysCommand.self,
            StatusCommand.self, DevicesCommand.self, AlarmsCommand.self, QueueCommand.self, ReloadCommand.self, FlushCommand.self,
            ReplayCommand.self,
            ReceiveCommand.self, SimulateCommand.self, SimulateSerialCommand.self,
        ]
    )
}
