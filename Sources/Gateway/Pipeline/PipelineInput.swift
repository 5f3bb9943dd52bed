import DeviceCodecs
import GatewayModel

/// What sources hand to the pipeline: decoded readings of one device, or a clock tick.
///
/// Numeric measurements travel on the profile's lane; waveforms always on the `wave` lane. `arrivedAt` is
/// when the source received them: lane latencies count from there.
enum PipelineInput: Sendable {
    case readings(
        device: DeviceInfo, lane: Lane, measurements: [Measurement], waveforms: [WaveformChunk], conditions: [DeviceCondition],
        arrivedAt: ContinuousClock.Instant
    )
    case tick
    /// A reload's new detectors; the pipeline keeps the state of those whose rules did not change.
    case reconfigure(Analyzer)
    /// Seal every open batch now (`POST /v1/queue/flush`) instead of waiting for its latency window.
    case flush
    /// A replayed recording ended: the analysis gives up the beats it held back for more signal.
    case endOfRecording
}

extension PipelineInput {
    /// Whose readings must stay in their order: the device's patient, or the device when it has none; nil for
    /// control inputs.
    var orderKey: String? {
        if case let .readings(device, _, _, _, _, _) = self { device.patient ?? device.id } else { nil }
    }

    /// A control input no reading may overtake: what came before it must be analysed under the old rules, or
    /// before the flush or the end of the recording.
    var isBarrier: Bool {
        switch self {
        case .reconfigure, .flush, .endOfRecording: true
        case .readings, .tick: false
        }
    }
}
