import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler writing one line per record, with syslog priorities when journald is listening.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    private let formatter: LogLineFormatter
    private let output: LogOutput

    public init(
        label: String, level: Logger.Level = .info, style: LogLineStyle, output: LogOutput,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.logLevel = level
        self.formatter = LogLineFormatter(style: style)
        self.output = output
        self.metadataProvider = metadataProvider
    }

    /// The daemon's handler: stderr, in the journal style when stderr is journald's stream.
    public static func standardError(
        label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil
    ) -> JournalLogHandler {
        JournalLogHandler(
            label: label, level: level, style: detectedStyle, output: .standardError, metadataProvider: metadataProvider
        )
    }

    /// Decided once: the environment and stderr do not change while the process runs, and
    /// `LoggingSystem` creates a handler for every `Logger`.
    private static let detectedStyle = LogLineStyle.detect()

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Later sources win, as in swift-log's own handlers: handler, then provider, then the call site.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error, merged["error"] == nil { merged["error"] = "\(error)" }
        var now = timespec()
        if formatter.style == .human { clock_gettime(CLOCK_REALTIME, &now) }
        output.write(formatter.line(level: event.level, label: label, message: event.message.description, metadata: merged, time: now))
    }
}
