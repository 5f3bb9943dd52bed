/// How many batches and payload bytes one lane holds.
public struct LaneStats: Sendable, Equatable, Codable {
    public var batches: Int
    public var bytes: Int64

    public init(batches: Int = 0, bytes: Int64 = 0) {
        self.batches = batches
        self.bytes = bytes
    }
}
