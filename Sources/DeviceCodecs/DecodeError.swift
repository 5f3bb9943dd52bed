/// Why a payload could not be decoded; counted per device and logged, never fatal.
public struct DecodeError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
