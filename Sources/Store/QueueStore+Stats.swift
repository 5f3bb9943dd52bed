import GRDB
import GatewayModel

extension QueueStore {
    /// Contents per lane (from the in-memory mirror), the oldest batch's creation time and the
    /// persisted drop counters (from the file).
    public func stats() throws -> QueueStats {
        let (dropped, oldest): ([Lane: [DropReason: Int64]], Int64?)
        do {
            (dropped, oldest) = try pool.read { db in
                var dropped: [Lane: [DropReason: Int64]] = [:]
                for lane in Lane.allCases {
                    dropped[lane] = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { ($0, Int64(0)) })
                }
                for row in try Row.fetchAll(db, sql: "SELECT lane, reason, count FROM drops") {
                    guard let lane = Lane(number: row[0]), let reason = DropReason(rawValue: row[1]) else { continue }
                    dropped[lane, default: [:]][reason] = row[2]
                }
                // Per lane, so each lookup is one step down the (lane, created_ms) index.
                let earliest = try db.cachedStatement(sql: "SELECT min(created_ms) FROM batch WHERE lane = ?")
                var oldest: Int64?
                for lane in Lane.allCases {
                    if let first = try Int64.fetchOne(earliest, arguments: [lane.number]) {
                        oldest = min(oldest ?? first, first)
                    }
                }
                return (dropped, oldest)
            }
        } catch {
            throw QueueError(error, while: "read queue statistics")
        }
        let lanes = state.withLockedValue { $0.lanes }
        return QueueStats(
            lanes: lanes,
            totalBatches: lanes.values.reduce(0) { $0 + $1.batches },
            totalBytes: lanes.values.reduce(0) { $0 + $1.bytes },
            oldestCreatedUnixMs: oldest,
            dropped: dropped)
    }
}
