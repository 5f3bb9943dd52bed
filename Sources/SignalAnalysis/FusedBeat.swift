/// A beat of one patient agreed across ECG leads.
public struct FusedBeat: Sendable, Hashable {
    /// R peak, from the most trustworthy lead that saw the beat.
    public var sampleIndex: Int
    /// Bit l set when lead l saw the beat.
    public var leadMask: UInt64
    /// The lead whose timing was taken.
    public var timingLead: Int
    /// Samples since the previous fused beat, if there was one.
    public var rrSamples: Int?

    public init(sampleIndex: Int, leadMask: UInt64, timingLead: Int, rrSamples: Int? = nil) {
        self.sampleIndex = sampleIndex
        self.leadMask = leadMask
        self.timingLead = timingLead
        self.rrSamples = rrSamples
    }

    /// Leads that saw the beat, ascending.
    public var leads: [Int] { (0..<64).filter { leadMask & (1 << UInt64($0)) != 0 } }
}
