import ArgumentParser
import Foundation
import Gateway

/// `vitalgate config check`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self]
    )

    /// Validates a gateway config and every profile it uses.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a gateway config and every profile it uses.")

        @Argument(help: "Path to gateway.yaml.")
        var file: String

        func run() throws {
            let config: GatewayConfig
            do { config = try GatewayConfig.load(path: file) } catch { throw exitForBadInput(error) }
            print("\(file): ok: gateway \(config.gatewayID) at \(config.site), \(config.devices.count) device(s), \(config.profiles.count) profile(s), upstream \(config.upstream.url)")
        }
    }
}
