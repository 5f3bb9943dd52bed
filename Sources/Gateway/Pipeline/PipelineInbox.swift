/// The pipeline's way in. Readings wait in memory at most `capacity` inputs deep: a source that finds the inbox
/// full waits, so it stops taking from its device and the sensor broker keeps the rest (memory stays bounded
/// whatever the load). Control inputs (ticks, flushes, reconfiguration) never wait: they are few.
struct PipelineInbox: Sendable {
    /// Inputs (device messages or chunks, not readings) the pipeline may have waiting.
    static let defaultCapacity = 1024

    let continuation: AsyncStream<PipelineInput>.Continuation
    let gate: InboxGate

    /// Readings from a device; waits for room first.
    func send(_ input: PipelineInput) async {
        await gate.enter()
        continuation.yield(input)
    }

    /// A control input, queued behind whatever readings are already waiting.
    func post(_ input: PipelineInput) {
        continuation.yield(input)
    }
}
