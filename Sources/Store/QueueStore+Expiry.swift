import GRDB
import GatewayModel

extension QueueStore {
    /// Drops wave and vital batches created before `now - maxAge` (counted `.age`); alarms are
    /// never expired. Returns the count per lane that lost batches.
    public func expire(now unixMs: Int64) async throws -> [Lane: Int] {
        let (cutoff, overflow) = unixMs.subtractingReportingOverflow(configuration.maxAgeMilliseconds)
        guard !overflow else { return [:] }
        return try await writeTransaction("expire batches older than \(configuration.maxAge)") { [self] db, working in
            var expired: [Lane: Int] = [:]
            let statement = try db.cachedStatement(
                sql: "DELETE FROM batch WHERE lane = ? AND created_ms < ? RETURNING size")
            for lane in Lane.evictionOrder {
                let sizes = try Int64.fetchAll(statement, arguments: [lane.number, cutoff])
                guard !sizes.isEmpty else { continue }
                expired[lane] = sizes.count
                working.add(lane, count: -sizes.count, bytes: -sizes.reduce(0, +))
                try Self.countDrops(db, lane: lane, reason: .age, count: sizes.count)
            }
            if !expired.isEmpty {
                logger.warning(
                    "dropped queued batches older than maxAge",
                    metadata: ["maxAge": "\(configuration.maxAge)", "expired": "\(expired)"])
            }
            releaseBoundLatches(&working)
            return expired
        }
    }
}
