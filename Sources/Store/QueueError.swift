/// A queue operation that failed; the store stays usable, so the caller can report and go on.
public struct QueueError: Error, CustomStringConvertible {
    /// The class of failure, so callers can react (e.g. disk full: keep alarms in memory, alert).
    public enum Kind: String, Sendable, Hashable {
        /// SQLITE_FULL: the disk (or `maxPageCount`) has no room; nothing committed is lost.
        case diskFull
        /// SQLITE_IOERR: the storage failed to read or write.
        case io
        /// SQLITE_READONLY: the file or filesystem cannot be written.
        case readOnly
        /// SQLITE_CORRUPT / SQLITE_NOTADB after open; reopening quarantines the file.
        case corrupt
        /// SQLITE_BUSY / SQLITE_LOCKED: another process held the file past the busy timeout.
        case busy
        /// The file could not be opened or created (missing parent, permissions).
        case cannotOpen
        case invalidConfiguration
        /// A batch the queue cannot represent (e.g. a seq above Int64.max).
        case invalidArgument
        /// Any other SQLite failure.
        case database
    }

    public var kind: Kind
    public var message: String
    /// SQLite's extended result code when the failure came from SQLite.
    public var sqliteCode: Int32?

    public init(kind: Kind, message: String, sqliteCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var isDiskFull: Bool { kind == .diskFull }

    public var description: String {
        if let sqliteCode { "queue \(kind.rawValue): \(message) (SQLite code \(sqliteCode))" } else { "queue \(kind.rawValue): \(message)" }
    }
}
