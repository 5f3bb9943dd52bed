import GatewayModel

/// The queue's in-memory mirror of the database (per-lane totals, seq high-water, log latches).
/// Lane totals change only on the GRDB writer queue after a commit, so they always match the file.
struct QueueState: Sendable {
    var lanes: [Lane: LaneStats]
    /// The last seq handed out or stored; `nextSequence()` returns one above it.
    var lastSeq: UInt64
    /// Set while eviction/refusal is going on, so a long outage logs once, not per append.
    var boundReached = false
    /// Set while alarms are stored above `maxBytes`, logged once per episode.
    var overBound = false

    init(lanes: [Lane: LaneStats], lastSeq: UInt64) {
        self.lanes = Self.everyLane(lanes)
        self.lastSeq = lastSeq
    }

    /// `lanes` with an empty entry for each lane it lacks, so stats always list every lane.
    static func everyLane(_ lanes: [Lane: LaneStats]) -> [Lane: LaneStats] {
        var all = lanes
        for lane in Lane.allCases where all[lane] == nil { all[lane] = LaneStats() }
        return all
    }

    var totalBytes: Int64 { lanes.values.reduce(0) { $0 + $1.bytes } }
    var totalBatches: Int { lanes.values.reduce(0) { $0 + $1.batches } }

    mutating func add(_ lane: Lane, count: Int, bytes: Int64) {
        lanes[lane, default: LaneStats()].batches += count
        lanes[lane, default: LaneStats()].bytes += bytes
    }
}
