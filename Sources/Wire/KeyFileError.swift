/// A key file that could not be read or written, with the path and a message an operator can act on.
public struct KeyFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for code that reacts to it; `message` says it for people.
    public enum Reason: Equatable, Sendable {
        case notFound
        case unreadable
        /// Group or others may read or write the private key file; `mode` is its permission bits.
        case tooOpen(mode: UInt32)
        case malformed
        case alreadyExists
        case writeFailed
    }

    public var path: String
    public var reason: Reason
    public var message: String

    public init(path: String, reason: Reason, message: String) {
        self.path = path
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// A private key file that others can access: refused, as ssh refuses such a key, because the
    /// key may already have leaked and because a config mistake should not go unnoticed.
    public static func tooOpen(_ path: String, mode: UInt32) -> KeyFileError {
        let octal = String(mode & 0o7777, radix: 8)
        return KeyFileError(
            path: path, reason: .tooOpen(mode: mode & 0o7777),
            message: "private key file is accessible by group or others (mode 0\(octal)); run `chmod 600 \(path)`")
    }
}
