/// Fuses the beats of several leads of one patient (same sample clock), so that noise or a lost electrode on one
/// lead does not erase beats another lead sees.
///
/// Beats within `mergeWindow` of a group's first beat are one beat. A group is accepted when a lead of good quality
/// saw it, or else when most leads that are not flat did. A group is decided once every lead has decided past it;
/// a lead lagging the others by more than `maxLag` (stalled or disconnected) is not waited for.
public struct MultiLeadBeatFuser: Sendable {
    public let leadCount: Int
    private let mergeWindow: Int
    private let refractory: Int
    private let maxLag: Int
    private var pending: [(lead: Int, beat: QRSBeat)] = []
    private var horizons: [Int]
    private var qualities: [LeadQuality]
    private var lastEmitted: Int?

    public init(leadCount: Int, sampleRate: Double, mergeWindow: Double = 0.1, refractory: Double = 0.2, maxLag: Double = 3) {
        precondition((1...64).contains(leadCount), "between 1 and 64 leads")
        self.leadCount = leadCount
        self.mergeWindow = Int((mergeWindow * sampleRate).rounded())
        self.refractory = Int((refractory * sampleRate).rounded())
        self.maxLag = Int((maxLag * sampleRate).rounded())
        horizons = Array(repeating: 0, count: leadCount)
        qualities = Array(repeating: .good, count: leadCount)
    }

    /// Takes what one lead's detector produced: its new beats, its `decidedThrough` and its current quality.
    public mutating func add(lead: Int, beats: [QRSBeat], decidedThrough: Int, quality: LeadQuality) {
        pending += beats.map { (lead, $0) }
        horizons[lead] = max(horizons[lead], decidedThrough)
        qualities[lead] = quality
    }

    /// Appends the fused beats that no lead can still change, in time order.
    public mutating func drain(into fused: inout [FusedBeat]) {
        pending.sort { ($0.beat.sampleIndex, $0.lead) < ($1.beat.sampleIndex, $1.lead) }
        let horizon = decisionHorizon
        var consumed = 0
        while consumed < pending.count {
            let first = pending[consumed].beat.sampleIndex
            guard first + mergeWindow < horizon else { break }
            var end = consumed + 1
            while end < pending.count, pending[end].beat.sampleIndex <= first + mergeWindow { end += 1 }
            decide(pending[consumed..<end], into: &fused)
            consumed = end
        }
        pending.removeFirst(consumed)
    }

    /// Everything before this index has been decided by every lead still keeping up.
    private var decisionHorizon: Int {
        let leader = horizons.max() ?? 0
        return horizons.filter { $0 >= leader - maxLag }.min() ?? leader
    }

    private mutating func decide(_ group: ArraySlice<(lead: Int, beat: QRSBeat)>, into fused: inout [FusedBeat]) {
        let mask = group.reduce(UInt64(0)) { $0 | (1 << UInt64($1.lead)) }
        let seenBy = mask.nonzeroBitCount
        let live = qualities.filter { $0 != .flat }.count
        let trusted = group.contains { $0.beat.quality == .good }
        guard trusted || 2 * seenBy > live else { return }
        // Best quality first, then the lowest lead number (by convention the primary lead).
        let timing = group.max { ($0.beat.quality, -$0.lead) < ($1.beat.quality, -$1.lead) }!
        let index = timing.beat.sampleIndex
        if let last = lastEmitted, index - last < refractory { return }
        fused.append(FusedBeat(sampleIndex: index, leadMask: mask, timingLead: timing.lead, rrSamples: lastEmitted.map { index - $0 }))
        lastEmitted = index
    }
}
