/// Places runs of samples on the wall clock by counting samples, so bursty delivery and gaps keep true times.
struct SerialSampleClock: Sendable, Equatable {
    /// Past this distance from the gateway's clock, counting samples is worse than wall time: the stream
    /// paused, the port was reopened or the device's rate is off, so the clock re-anchors to "now".
    static let maxDriftNs: Double = 5e9

    let rateHz: Double
    private var anchorNs: Int64?
    private var samplesSinceAnchor: Int64 = 0

    init(rateHz: Double) {
        self.rateHz = rateHz
    }

    /// Rounded: exact times come from the sample count, so the rounding never accumulates.
    var periodNs: Int64 { Int64((1e9 / rateHz).rounded()) }

    /// The start time of `samples` new samples that follow `lost` samples which never arrived.
    /// The first run starts at `nowUnixMs`.
    mutating func place(samples: Int, afterLost lost: Int, nowUnixMs: Int64) -> Int64 {
        let now = Self.nanoseconds(nowUnixMs)
        if let anchorNs {
            let index = samplesSinceAnchor + Int64(lost)
            let offset = Double(index) * 1e9 / rateHz
            // Both bounds keep the Int64 conversions below far from overflow on absurd inputs.
            if abs(offset) < 4e18, abs(Double(anchorNs) + offset - Double(now)) <= Self.maxDriftNs {
                samplesSinceAnchor = index + Int64(samples)
                return anchorNs + Int64(offset.rounded())
            }
        }
        anchorNs = now
        samplesSinceAnchor = Int64(samples)
        return now
    }

    /// Floor division, so a run's first sample falls within the returned millisecond even before 1970.
    static func unixMs(fromNs ns: Int64) -> Int64 {
        ns >= 0 ? ns / 1_000_000 : (ns - 999_999) / 1_000_000
    }

    /// Saturates instead of trapping: a bogus "now" must not crash the gateway.
    private static func nanoseconds(_ ms: Int64) -> Int64 {
        let (ns, overflow) = ms.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? (ms < 0 ? Int64.min / 2 : Int64.max / 2) : ns
    }
}
