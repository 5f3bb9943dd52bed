import Logging

/// Logs at most one message per key per interval and reports how many were held back.
struct RateLimitedLog: Sendable {
    private var lastLogged: [String: ContinuousClock.Instant] = [:]
    private var suppressed: [String: Int] = [:]
    let interval: Duration

    init(interval: Duration = .seconds(10)) { self.interval = interval }

    mutating func warning(_ logger: Logger, key: String, _ message: @autoclosure () -> String) {
        let now = ContinuousClock.now
        if let last = lastLogged[key], now - last < interval {
            suppressed[key, default: 0] += 1
            return
        }
        let held = suppressed.removeValue(forKey: key) ?? 0
        lastLogged[key] = now
        let suffix = held > 0 ? " (\(held) similar messages suppressed)" : ""
        logger.warning("\(message())\(suffix)")
    }
}
