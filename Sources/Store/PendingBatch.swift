import Foundation
import GatewayModel

/// A sealed batch handed to the queue; `payload` is the serialized envelope (ciphertext only).
public struct PendingBatch: Sendable, Hashable {
    public var lane: Lane
    public var seq: UInt64
    public var createdUnixMs: Int64
    public var payload: Data

    public init(lane: Lane, seq: UInt64, createdUnixMs: Int64, payload: Data) {
        self.lane = lane
        self.seq = seq
        self.createdUnixMs = createdUnixMs
        self.payload = payload
    }
}
