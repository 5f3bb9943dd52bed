/// Where the queue lives and how far it may grow (in payload bytes and in age).
public struct QueueConfiguration: Sendable {
    /// Path of the SQLite file; its parent directory must already exist.
    public var path: String
    /// Bound on the sum of queued payload sizes; the file itself is somewhat larger (pages, indexes).
    public var maxBytes: Int64
    /// Wave and vital batches older than this are dropped by `expire(now:)`; alarms never are.
    public var maxAge: Duration
    public var sync: SyncMode = .full
    /// Caps the file at this many pages (`PRAGMA max_page_count`): lets tests and operators
    /// provoke or reserve against SQLITE_FULL without filling a real disk. `nil` = SQLite's default.
    public var maxPageCount: Int?

    public init(
        path: String, maxBytes: Int64, maxAge: Duration, sync: SyncMode = .full, maxPageCount: Int? = nil
    ) {
        self.path = path
        self.maxBytes = maxBytes
        self.maxAge = maxAge
        self.sync = sync
        self.maxPageCount = maxPageCount
    }
}
