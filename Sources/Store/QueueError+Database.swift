import GRDB

extension QueueError {
    /// Wraps any failure of `action` as a QueueError so callers see one error type and GRDB stays
    /// an implementation detail.
    init(_ error: any Error, while action: String) {
        if let queueError = error as? QueueError {
            self = queueError
        } else if let databaseError = error as? DatabaseError {
            self.init(
                kind: Self.kind(of: databaseError.resultCode),
                message: "\(action): \(databaseError.message ?? "\(databaseError.resultCode)")",
                sqliteCode: databaseError.extendedResultCode.rawValue)
        } else {
            self.init(kind: .database, message: "\(action): \(error)")
        }
    }

    static func kind(of code: ResultCode) -> Kind {
        switch code {
        case .SQLITE_FULL: .diskFull
        case .SQLITE_IOERR: .io
        case .SQLITE_READONLY: .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: .cannotOpen
        default: .database
        }
    }
}

extension DatabaseError {
    /// The file is not a usable SQLite database: the open path quarantines it.
    var indicatesCorruption: Bool {
        resultCode == .SQLITE_CORRUPT || resultCode == .SQLITE_NOTADB
    }
}
