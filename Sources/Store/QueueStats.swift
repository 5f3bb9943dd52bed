import GatewayModel

/// A snapshot of the queue for `status` and metrics: contents per lane and drops since creation.
public struct QueueStats: Sendable, Equatable {
    /// Every lane is present, empty lanes with zeros, so exporters get stable series.
    public var lanes: [Lane: LaneStats]
    public var totalBatches: Int
    public var totalBytes: Int64
    public var oldestCreatedUnixMs: Int64?
    /// Every lane and reason is present (zeros included); persisted across restarts.
    public var dropped: [Lane: [DropReason: Int64]]

    public init(
        lanes: [Lane: LaneStats], totalBatches: Int, totalBytes: Int64, oldestCreatedUnixMs: Int64?,
        dropped: [Lane: [DropReason: Int64]]
    ) {
        self.lanes = lanes
        self.totalBatches = totalBatches
        self.totalBytes = totalBytes
        self.oldestCreatedUnixMs = oldestCreatedUnixMs
        self.dropped = dropped
    }
}
