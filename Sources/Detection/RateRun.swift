import GatewayModel

/// Counts consecutive beats whose instantaneous heart rate is beyond a limit, for the
/// "HR < 40 for 5 beats" style arrhythmia rules; raises on the N-th such beat and clears after
/// `clearingBeats` consecutive beats back inside the limit.
struct RateRun: Sendable {
    enum Side: Sendable {
        case below(Double)
        case above(Double)
    }

    let side: Side
    let beats: Int
    let clearingBeats: Int
    private(set) var latch: AlarmLatch
    private var runStartMs: Int64?
    private var runLength = 0
    private var normalLength = 0

    init(side: Side, beats: Int, clearingBeats: Int, latch: AlarmLatch) {
        self.side = side
        self.beats = max(1, beats)
        self.clearingBeats = max(1, clearingBeats)
        self.latch = latch
    }

    /// Feeds the rate of the beat at `timeMs` (from the RR interval ending at that beat).
    mutating func beat(rate: Double, at timeMs: Int64) -> Event? {
        guard isBeyond(rate) else { return normalBeat(rate: rate, at: timeMs) }
        normalLength = 0
        runLength += 1
        let onset = runStartMs ?? timeMs
        runStartMs = onset
        guard runLength >= beats else { return nil }
        return latch.raise(at: timeMs, onset: onset, value: rate, detail: Self.describe(rate, runLength))
    }

    /// Forgets the run (the ECG became unusable); a raised alarm stays until beats clear it.
    mutating func reset() {
        runStartMs = nil
        runLength = 0
        normalLength = 0
    }

    private mutating func normalBeat(rate: Double, at timeMs: Int64) -> Event? {
        runStartMs = nil
        runLength = 0
        guard latch.isActive else { return nil }
        normalLength += 1
        guard normalLength >= clearingBeats else { return nil }
        normalLength = 0
        return latch.clear(at: timeMs, value: rate, detail: Self.describe(rate, clearingBeats))
    }

    private func isBeyond(_ rate: Double) -> Bool {
        switch side {
        case let .below(limit): rate < limit
        case let .above(limit): rate > limit
        }
    }

    private static func describe(_ rate: Double, _ beats: Int) -> String {
        "\(Int(rate.rounded())) /min, \(beats) consecutive beats"
    }
}
