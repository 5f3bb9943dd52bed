/// How hard SQLite flushes a commit: `full` survives power loss, `normal` only a process crash.
public enum SyncMode: String, Sendable, CaseIterable {
    case full
    case normal

    /// The value of `PRAGMA synchronous` for this mode.
    var pragmaValue: String {
        switch self {
        case .full: "FULL"
        case .normal: "NORMAL"
        }
    }
}
