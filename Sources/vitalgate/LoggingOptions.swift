import ArgumentParser
import Foundation
import GatewayLogging
import Logging

/// `--log-level`, shared by the long-running commands; logs go to stderr (journald under systemd).
struct LoggingOptions: ParsableArguments {
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info; $VITALGATE_LOG_LEVEL).")
    var logLevel: String?

    /// A misspelt level is bad input (exit 2), not a silent fallback that hides the logs asked for.
    func validate() throws {
        guard let requested else { return }
        do { _ = try LogLevelParser.parse(requested.text) } catch { throw exitForBadInput("\(requested.source): error: \(error)") }
    }

    private var requested: (source: String, text: String)? {
        if let logLevel { return ("--log-level", logLevel) }
        guard let text = ProcessInfo.processInfo.environment["VITALGATE_LOG_LEVEL"], !text.isEmpty else { return nil }
        return ("VITALGATE_LOG_LEVEL", text)
    }

    func bootstrap(label: String, defaultLevel: Logger.Level = .info) -> Logger {
        let level = requested.flatMap { try? LogLevelParser.parse($0.text) } ?? defaultLevel
        LoggingSystem.bootstrap { label in JournalLogHandler.standardError(label: label, level: level) }
        return Logger(label: label)
    }
}

/// Prints configuration errors the way compilers do and exits with status 2.
func exitForBadInput(_ errors: some CustomStringConvertible) -> ExitCode {
    FileHandle.standardError.write(Data((errors.description + "\n").utf8))
    return ExitCode(2)
}
