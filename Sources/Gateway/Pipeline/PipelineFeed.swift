import GatewayModel

/// Hands readings to a running pipeline as a device source would; `vitalgate replay` feeds a
/// recorded signal through it.
public struct PipelineFeed: Sendable {
    let continuation: AsyncStream<PipelineInput>.Continuation

    public func send(_ waveforms: [WaveformChunk], from device: DeviceInfo) {
        continuation.yield(.readings(device: device, lane: .wave, measurements: [], waveforms: waveforms))
    }

    /// The recording ended (see `Analyzer.finish`).
    public func endOfRecording() { continuation.yield(.endOfRecording) }

    /// Seal the open batches now rather than at the end of their latency window.
    public func flush() { continuation.yield(.flush) }
}
