import GatewayModel

/// Follows a waveform's chunks and notices breaks (gap, jump back, rate change), after which a
/// sliding window must refill before it can judge the signal: a gap is the no-data detector's business.
struct SampleRun: Sendable {
    /// Gaps up to this are jitter in gateway-stamped chunks, not a break.
    static let toleratedGapNs: Int64 = 100_000_000

    private(set) var startNs: Int64?
    private var nextNs: Int64?
    private var periodNs: Int64 = 0

    /// Takes the chunk's timing; returns true when it breaks the run so windows must be emptied.
    mutating func follow(_ chunk: WaveformChunk) -> Bool {
        defer {
            periodNs = chunk.periodNs
            nextNs = chunk.sampleUnixNs(chunk.samples.count)
        }
        guard let next = nextNs, chunk.periodNs == periodNs,
              chunk.startUnixNs >= next - periodNs,
              chunk.startUnixNs <= next + max(periodNs, Self.toleratedGapNs)
        else {
            startNs = chunk.startUnixNs
            return true
        }
        return false
    }

    /// Whether the run reaches back at least `windowNs` from `timeNs`.
    func covers(_ windowNs: Int64, at timeNs: Int64) -> Bool {
        guard let startNs else { return false }
        return timeNs - startNs >= windowNs
    }
}
