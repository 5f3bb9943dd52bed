/// The clear-text header of a sealed batch (the Envelope fields other than the ciphertext).
public struct BatchHeader: Sendable, Hashable, Codable {
    public var gatewayID: String
    public var seq: UInt64
    public var lane: Lane
    public var createdUnixMs: Int64

    public init(gatewayID: String, seq: UInt64, lane: Lane, createdUnixMs: Int64) {
        self.gatewayID = gatewayID
        self.seq = seq
        self.lane = lane
        self.createdUnixMs = createdUnixMs
    }
}
