import ArgumentParser
import Gateway
import YAMLConfig

/// `vitalgate profile validate`.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Device profile tools.", subcommands: [Validate.self]
    )

    /// Validates device profile files.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate device profile files.")

        @Argument(help: "Profile files (YAML).")
        var files: [String]

        func run() throws {
            var errors: [ConfigError] = []
            for file in files {
                do {
                    let profile = try DeviceProfile.load(path: file)
                    print("\(file): ok: \(profile.name), \(profile.channels.count) channel(s), lane \(profile.lane.rawValue)")
                } catch {
                    errors.append(error)
                }
            }
            if !errors.isEmpty { throw exitForBadInput(ConfigErrors(errors)) }
        }
    }
}
