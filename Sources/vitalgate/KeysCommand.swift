import ArgumentParser
import Wire

/// `vitalgate keys generate`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Key tools.", subcommands: [Generate.self])

    /// Writes X25519 key pairs for a gateway and the platform.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write gateway.key/.pub and platform.key/.pub (X25519, base64, private keys mode 0600)."
        )

        @Option(help: "Folder to write the keys to (created if missing).")
        var out: String

        func run() throws {
            do {
                for path in try KeyFile.generatePairs(into: out) { print(path) }
            } catch {
                throw exitForBadInput("\(out): error: \(error)")
            }
        }
    }
}
