import CoreMetrics

/// Times one piece of work into a histogram; without a metrics backend it only does the work.
struct StageTimer: Sendable {
    let timer: CoreMetrics.Timer?

    static let off = StageTimer(timer: nil)

    func measure<Result, Failure: Error>(_ work: () throws(Failure) -> Result) throws(Failure) -> Result {
        guard let timer else { return try work() }
        let start = ContinuousClock.now
        defer { timer.record(duration: ContinuousClock.now - start) }
        return try work()
    }

    func measure<Result>(_ work: () async throws -> Result) async rethrows -> Result {
        guard let timer else { return try await work() }
        let start = ContinuousClock.now
        defer { timer.record(duration: ContinuousClock.now - start) }
        return try await work()
    }

    func record(_ duration: Duration) {
        timer?.record(duration: duration)
    }
}
