import GatewayModel

/// Hands readings to a running pipeline as a device source would; `vitalgate replay` feeds a
/// recorded signal through it.
public struct PipelineFeed: Sendable {
    let inbox: PipelineInbox

    /// Waits for room in the pipeline's inbox, as a device source does.
    public func send(_ waveforms: [WaveformChunk], from device: DeviceInfo) async {
        await inbox.send(device: device, lane: .wave, measurements: [], waveforms: waveforms)
    }

    /// The recording ended (see `Analyzer.finish`).
    public func endOfRecording() { inbox.post(.endOfRecording) }

    /// Seal the open batches now rather than at the end of their latency window.
    public func flush() { inbox.post(.flush) }
}
