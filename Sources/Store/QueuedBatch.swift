import Foundation
import GatewayModel

/// A batch as stored in the queue; `id` is never reused, so the uplink can keep a cursor per lane.
public struct QueuedBatch: Sendable, Hashable {
    public var id: Int64
    public var lane: Lane
    public var seq: UInt64
    public var createdUnixMs: Int64
    public var payload: Data

    public init(id: Int64, lane: Lane, seq: UInt64, createdUnixMs: Int64, payload: Data) {
        self.id = id
        self.lane = lane
        self.seq = seq
        self.createdUnixMs = createdUnixMs
        self.payload = payload
    }
}
