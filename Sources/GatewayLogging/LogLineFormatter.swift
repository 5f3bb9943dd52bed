import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one log record into exactly one line of text, in the journal or the human style.
public struct LogLineFormatter: Sendable {
    public var style: LogLineStyle

    public init(style: LogLineStyle) {
        self.style = style
    }

    /// The finished line, ending in a single `\n` and containing no other line break.
    ///
    /// `time` is ignored in the journal style: journald stamps each entry when it receives it, and a
    /// second timestamp would only disagree with it.
    public func line(
        level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, time: timespec
    ) -> String {
        var line: String
        switch style {
        case .journal:
            line = "<\(level.syslogPriority)>"
        case .human:
            line = Self.iso8601(time) + " " + level.rawValue + " "
        }
        line += Self.escaped(label) + ": " + Self.escaped(message)
        // Sorted so that the same record always prints the same way: greppable, diffable, testable.
        for key in metadata.keys.sorted() {
            line += " " + Self.escaped(key) + "=" + Self.quotedIfNeeded(Self.escaped(Self.render(metadata[key]!)))
        }
        return line + "\n"
    }

    /// Metadata values as text; dictionaries are sorted too, since `Dictionary` order varies per process.
    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): "[" + values.map(render).joined(separator: ", ") + "]"
        case .dictionary(let map):
            "{" + map.keys.sorted().map { "\($0): \(render(map[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    /// Line breaks and other control characters as visible escapes, so that a multi-line message (a
    /// decoder error quoting a payload, a stack of causes) stays one journal entry and a device's bytes
    /// cannot send escape sequences to an operator's terminal. Backslashes are left alone: doubling them
    /// would make every Windows-style path or regex in a message harder to read, and the rare ambiguity
    /// of a literal `\n` is a price worth that.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 controls and DEL, except tab, which journald and terminals show harmlessly.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    /// `key=value` stays splittable on spaces: values with spaces, quotes or `=` are quoted.
    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\t" }
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, built by hand: no formatter object to share between
    /// threads, and no locale or time zone setting can change it.
    static func iso8601(_ time: timespec) -> String {
        var seconds = time_t(time.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let millis = Int32(time.tv_nsec / 1_000_000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(millis, 3))Z"
    }
}
