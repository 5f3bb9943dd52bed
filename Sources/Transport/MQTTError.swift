/// A transport failure, worded so that an operator reading the log can act on it.
public struct MQTTError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
