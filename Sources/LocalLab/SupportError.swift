/// A failure of the test-support machinery itself (a process that would not start, a port that never opened).
public struct SupportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
