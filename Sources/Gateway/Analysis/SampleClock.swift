/// Maps a stream's running sample index to Unix time, and says when a chunk does not follow on.
///
/// Detectors count samples; alarms need wall times. A short gap (lost frames) is bridged by the
/// caller repeating the last value, so indices stay aligned; a long one restarts the stream.
struct SampleClock: Sendable {
    let originUnixNs: Int64
    let periodNs: Int64
    private(set) var count = 0

    init(originUnixNs: Int64, periodNs: Int64) {
        self.originUnixNs = originUnixNs
        self.periodNs = max(1, periodNs)
    }

    var sampleRate: Double { 1e9 / Double(periodNs) }

    func unixMs(ofSample index: Int) -> Int64 { (originUnixNs + Int64(index) * periodNs) / 1_000_000 }

    /// How many samples are missing before a chunk starting at `startUnixNs` (negative: overlap).
    func gap(before startUnixNs: Int64) -> Int {
        let expected = originUnixNs + Int64(count) * periodNs
        return Int(((startUnixNs - expected) + periodNs / 2).floorDivided(by: periodNs))
    }

    mutating func advance(by samples: Int) { count += samples }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
