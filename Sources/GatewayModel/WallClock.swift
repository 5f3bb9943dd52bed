#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time in Unix milliseconds and nanoseconds (readings are stamped with real time).
public enum WallClock {
    public static func nowUnixNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    public static func nowUnixMs() -> Int64 { nowUnixNs() / 1_000_000 }

    /// The wall-clock time of `instant`, a moment of the recent past on the monotonic clock (a message's arrival).
    public static func unixMs(at instant: ContinuousClock.Instant) -> Int64 {
        nowUnixMs() - (ContinuousClock.now - instant).milliseconds
    }
}
