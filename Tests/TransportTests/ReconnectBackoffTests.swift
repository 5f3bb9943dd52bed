import Testing
import Transport

@Suite struct ReconnectBackoffTests {
    @Test func delaysStayWithinTheExponentialCeilingAndTheCap() {
        let base = Duration.milliseconds(200)
        let cap = Duration.seconds(30)
        var backoff = ReconnectBackoff(base: base, cap: cap)
        for attempt in 0..<80 {
            let ceiling = min(cap, base * (1 << min(attempt, 20)))
            #expect(backoff.currentCeiling == ceiling, "attempt \(attempt)")
            let delay = backoff.nextDelay()
            #expect(delay >= .zero && delay <= ceiling, "attempt \(attempt): \(delay) not in 0...\(ceiling)")
        }
        #expect(backoff.attempt == 80)
    }

    @Test func jitterIsFullAndSpreadOverTheRange() {
        var backoff = ReconnectBackoff(base: .seconds(1), cap: .seconds(10))
        for _ in 0..<10 { _ = backoff.nextDelay() }
        let delays = (0..<200).map { _ in backoff.nextDelay() }
        #expect(delays.allSatisfy { $0 <= .seconds(10) })
        // Full jitter: uniform over 0...cap, so 200 draws land in both halves (each miss has odds 2^-200).
        #expect(delays.contains { $0 < .seconds(5) })
        #expect(delays.contains { $0 > .seconds(5) })
    }

    @Test func resetStartsOverFromBase() {
        var backoff = ReconnectBackoff(base: .milliseconds(100), cap: .seconds(5))
        for _ in 0..<12 { _ = backoff.nextDelay() }
        #expect(backoff.currentCeiling == .seconds(5))
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.currentCeiling == .milliseconds(100))
        #expect(backoff.nextDelay() <= .milliseconds(100))
    }

    @Test func hugeAttemptCountsDoNotOverflow() {
        var backoff = ReconnectBackoff(base: .seconds(1), cap: .seconds(3600))
        for _ in 0..<10_000 { #expect(backoff.nextDelay() <= .seconds(3600)) }
    }
}
