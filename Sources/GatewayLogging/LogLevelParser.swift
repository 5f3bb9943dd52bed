import Foundation
import Logging

/// Reads a log level from `--log-level`, `VITALGATE_LOG_LEVEL` or a config file.
public enum LogLevelParser {
    /// Every accepted name, most verbose first, as error messages list them.
    public static let names: [String] = Logger.Level.allCases.map(\.rawValue)

    /// Parses `text` case-insensitively, ignoring surrounding whitespace (values from env files often
    /// carry some). Anything else is an error rather than a silent fallback to the default, so a typo
    /// in a unit file cannot quietly hide the debug output asked for, or flood the journal.
    public static func parse(_ text: String) throws(UnknownLogLevel) -> Logger.Level {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let level = Logger.Level(rawValue: name) else { throw UnknownLogLevel(text: text) }
        return level
    }
}
