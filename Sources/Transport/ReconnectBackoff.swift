/// Delays between reconnect attempts: exponential growth with full jitter, so many gateways do not retry in step.
public struct ReconnectBackoff: Sendable {
    public let base: Duration
    public let cap: Duration
    /// Attempts since the last `reset()`.
    public private(set) var attempt = 0

    /// The defaults suit MQTT sessions: alarms wait in a broker (or in the queue) until the session is back, so
    /// attempts stay at most 10 s apart after a long outage; one client's TLS handshake every few seconds costs a
    /// broker little.
    public init(base: Duration = .milliseconds(250), cap: Duration = .seconds(10)) {
        // Bad bounds are a configuration or code bug; a zero base would mean retrying in a hot loop.
        precondition(base > .zero && cap >= base, "ReconnectBackoff needs 0 < base <= cap")
        self.base = base
        self.cap = cap
    }

    /// The largest delay the next call may return: min(cap, base * 2^attempt).
    public var currentCeiling: Duration {
        // Past 2^40 any sane base exceeds any sane cap; stopping there keeps the multiply from overflowing.
        let factor = Int64(1) << Int64(min(attempt, 40))
        return min(cap, base * factor)
    }

    /// A random delay in 0...currentCeiling; each call widens the range for the next one.
    public mutating func nextDelay() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    public mutating func nextDelay<G: RandomNumberGenerator>(using generator: inout G) -> Duration {
        let ceiling = currentCeiling
        attempt += 1
        let ceilingNanoseconds = ceiling.nanosecondsClamped
        return .nanoseconds(Int64.random(in: 0...ceilingNanoseconds, using: &generator))
    }

    /// Call after a connection was established, so the next outage starts from short delays again.
    public mutating func reset() {
        attempt = 0
    }
}

extension Duration {
    fileprivate var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow || seconds < 0 { return seconds < 0 ? 0 : .max }
        return scaled + attoseconds / 1_000_000_000
    }
}
