/// Tracks how long a condition has held, in data time, so an alarm waits out its condition delay.
struct ConditionDelay: Sendable {
    let delayMs: Int64
    private(set) var sinceMs: Int64?

    init(delayMs: Int64) {
        self.delayMs = max(0, delayMs)
    }

    /// Returns the onset once the condition has held for the whole delay; a lapse restarts the count.
    mutating func update(holds: Bool, at timeMs: Int64) -> Int64? {
        guard holds else {
            sinceMs = nil
            return nil
        }
        let since = sinceMs ?? timeMs
        sinceMs = since
        let (held, overflow) = timeMs.subtractingReportingOverflow(since)
        return !overflow && held >= delayMs ? since : nil
    }

    mutating func reset() { sinceMs = nil }
}
