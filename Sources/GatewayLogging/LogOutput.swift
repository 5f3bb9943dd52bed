#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `JournalLogHandler` sends finished lines; tests capture them with a closure.
public struct LogOutput: Sendable {
    /// Receives one complete line, newline included, per log record.
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Lines go to `descriptor`, each with a single `write(2)`; see `DescriptorWriter` for why.
    public static func fileDescriptor(_ descriptor: Int32) -> LogOutput {
        let writer = DescriptorWriter(descriptor: descriptor)
        return LogOutput { writer.emit($0) }
    }

    /// The process's stderr, which journald captures under systemd.
    public static let standardError = fileDescriptor(STDERR_FILENO)
}
