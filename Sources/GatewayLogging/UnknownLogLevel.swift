/// A log level name that is not one of swift-log's seven.
public struct UnknownLogLevel: Error, Equatable, CustomStringConvertible {
    /// The text as it was given, before trimming and lower-casing.
    public let text: String

    public init(text: String) {
        self.text = text
    }

    public var description: String {
        "unknown log level '\(text)' (expected \(LogLevelParser.names.joined(separator: ", ")))"
    }
}
