import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a log line is shaped: for journald (`<N>` priority prefix, no timestamp) or for a person.
public enum LogLineStyle: Sendable, Equatable {
    /// `<6>label: message key=value`; journald adds the time, unit and process itself.
    case journal
    /// `2025-01-31T12:00:00.000Z info label: message key=value`.
    case human

    /// `.journal` when `JOURNAL_STREAM` says `descriptor` is connected to journald, else `.human`.
    ///
    /// systemd sets `JOURNAL_STREAM=DEVICE:INODE` for a service whose output goes to the journal.
    /// Children inherit the variable even when their stderr is redirected (an operator running
    /// `vitalgate status 2>file` from a service's shell), so when the value names a stream we
    /// only believe it if `descriptor` is that very stream.
    public static func detect(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        descriptor: Int32 = STDERR_FILENO
    ) -> LogLineStyle {
        guard let stream = environment["JOURNAL_STREAM"], !stream.isEmpty else { return .human }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            // Set but not in systemd's form: something outside systemd asked for journal lines.
            return .journal
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .journal }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode ? .journal : .human
    }
}
