import ArgumentParser
import Foundation
import Logging

/// `--log-level`, shared by the long-running commands; logs go to stderr (journald under systemd).
struct LoggingOptions: ParsableArguments {
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info; $VITALGATE_LOG_LEVEL).")
    var logLevel: String?

    func bootstrap(label: String, defaultLevel: Logger.Level = .info) -> Logger {
        let requested = logLevel ?? ProcessInfo.processInfo.environment["VITALGATE_LOG_LEVEL"]
        let level = requested.flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}

/// Prints configuration errors the way compilers do and exits with status 2.
func exitForBadInput(_ errors: some CustomStringConvertible) -> ExitCode {
    FileHandle.standardError.write(Data((errors.description + "\n").utf8))
    return ExitCode(2)
}
