/// One segment line of a multi-segment WFDB header.
public struct WFDBSegment: Sendable, Equatable {
    /// Record name of the segment (`~` marks a gap filled with invalid samples).
    public var recordName: String
    /// Samples per signal in the segment.
    public var sampleCount: Int

    public init(recordName: String, sampleCount: Int) {
        self.recordName = recordName
        self.sampleCount = sampleCount
    }
}
