import DeviceCodecs
import GatewayModel

/// The pipeline's way in. Readings wait in memory at most `capacity` inputs deep: a source that finds the inbox
/// full waits, so it stops taking from its device and the sensor broker keeps the rest (memory stays bounded
/// whatever the load). Control inputs (ticks, flushes, reconfiguration) never wait: they are few.
struct PipelineInbox: Sendable {
    /// Inputs (device messages or chunks, not readings) the pipeline may have waiting; few, as an alarm
    /// reading queues behind them (see `MQTTSensorSource.receiveBufferLimit` for the figures).
    static let defaultCapacity = 256

    let continuation: AsyncStream<PipelineInput>.Continuation
    let gate: InboxGate

    /// Readings from a device; waits for room first. Only readings take a place, and the pipeline gives one back
    /// for each `.readings` it handles, so this is the one way to hand them over.
    func send(
        device: DeviceInfo, lane: Lane, measurements: [Measurement], waveforms: [WaveformChunk], conditions: [DeviceCondition] = [],
        arrivedAt: ContinuousClock.Instant = .now
    ) async {
        await gate.enter()
        let input = PipelineInput.readings(
            device: device, lane: lane, measurements: measurements, waveforms: waveforms, conditions: conditions, arrivedAt: arrivedAt)
        if case .terminated = continuation.yield(input) {
            gate.leave()  // the pipeline has stopped (shutdown): nothing more is read from devices after this
        }
    }

    /// A control input (not `.readings`), queued behind whatever readings are already waiting.
    func post(_ input: PipelineInput) {
        continuation.yield(input)
    }
}
