import DeviceCodecs
import GatewayModel

/// The pipeline's way in. Readings wait in memory at most `capacity` inputs deep, plus the gate's small reserve
/// for urgent ones: a source that finds the inbox full waits, so it stops taking from its device and the sensor
/// broker keeps the rest (memory stays bounded whatever the load). Control inputs (ticks, flushes,
/// reconfiguration) never wait: they are few.
struct PipelineInbox: Sendable {
    /// Inputs (device messages or chunks, not readings) the pipeline may have waiting, besides the gate's reserve.
    /// An alarm found only by the analysis queues behind them (see `MQTTSensorSource.receiveBufferLimit`).
    static let defaultCapacity = 256

    let queue = PipelineQueue()
    let gate: InboxGate

    init(capacity: Int = Self.defaultCapacity) {
        gate = InboxGate(capacity: capacity)
    }

    /// Readings from a device; waits for room first. Only readings take a place, and the pipeline gives one back
    /// for each `.readings` it handles, so this is the one way to hand them over. `urgent` readings (they may
    /// raise an alarm) go ahead of the queued ones and have places of their own when the rest are taken.
    func send(
        device: DeviceInfo, lane: Lane, measurements: [Measurement], waveforms: [WaveformChunk], conditions: [DeviceCondition] = [],
        arrivedAt: ContinuousClock.Instant = .now, urgent: Bool = false
    ) async {
        await gate.enter(urgent: urgent)
        let input = PipelineInput.readings(
            device: device, lane: lane, measurements: measurements, waveforms: waveforms, conditions: conditions, arrivedAt: arrivedAt)
        if !queue.push(input, urgent: urgent) {
            gate.leave()  // the pipeline has stopped (shutdown): nothing more is read from devices after this
        }
    }

    /// A control input (not `.readings`), queued behind whatever readings are already waiting.
    func post(_ input: PipelineInput) {
        queue.push(input)
    }
}
