/// Polls `condition` until it holds or `timeout` passes; returns whether it held. For asserting on processes
/// and brokers whose effects show up asynchronously.
public func eventually(
    timeout: Duration, poll: Duration = .milliseconds(100), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: poll)
    }
}
