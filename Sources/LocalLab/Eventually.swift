/// Polls `condition` until it holds or `timeout` passes; returns whether it held. For asserting on processes
/// and brokers whose effects show up asynchronously.
///
/// A poll that wakes much later than asked means this test process was starved: on a 2-core CI box, set-ups that
/// block their thread (starting a broker, running openssl) can hold the whole cooperative pool for seconds. In-process,
/// whatever the test waits for (an event recorder's task, say) was starved too, so such a stall does not count against
/// `timeout`; at most 300 s of stalls are forgiven, so a wait for something that never comes still ends.
public func eventually(
    timeout: Duration, poll: Duration = .milliseconds(100), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    try await eventually(
        timeout: timeout, poll: poll, stallAllowance: .seconds(300), sleep: { try? await Task.sleep(for: $0) }, condition)
}

/// Above timer and scheduling slack on a loaded box, below every test's timeout: a poll this late is a stall, and its
/// whole overrun is forgiven.
let stallThreshold: Duration = .milliseconds(250)

/// `eventually` with the stall allowance and the sleep between polls given, so a stall can be staged.
func eventually(
    timeout: Duration, poll: Duration, stallAllowance: Duration, sleep: (Duration) async -> Void,
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    var deadline = clock.now.advanced(by: timeout)
    var forgiven: Duration = .zero
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        let start = clock.now
        await sleep(poll)
        let overrun = clock.now - start - poll
        if overrun > stallThreshold, forgiven < stallAllowance {
            let stall = min(overrun, stallAllowance - forgiven)
            forgiven += stall
            deadline = deadline.advanced(by: stall)
        }
    }
}
