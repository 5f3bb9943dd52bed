import GatewayModel

/// Technical alarm "no-data": a channel sent nothing for `timeout` (sensor off, cable pulled, device gone).
///
/// Default priority medium: monitoring of the channel is lost, which needs a prompt response but is
/// not itself a patient condition. There is no wall clock: the gateway calls `tick(nowUnixMs:)`
/// periodically with its stream time, and `observe(atUnixMs:)` for every reading or chunk.
/// The detector arms on the first data (or at `armedAtUnixMs`), so a channel never seen stays silent.
public struct NoDataDetector: Sendable {
    public let timeout: Duration
    private var latch: AlarmLatch
    private var lastDataUnixMs: Int64?

    public init(
        device: String, channel: ChannelDescriptor, timeout: Duration = .seconds(10),
        priority: AlarmPriority = .medium, rule: String = "no-data", armedAtUnixMs: Int64? = nil
    ) {
        self.timeout = timeout
        self.latch = AlarmLatch(device: device, channel: channel, rule: rule, priority: priority)
        self.lastDataUnixMs = armedAtUnixMs
    }

    public var isActive: Bool { latch.isActive }

    /// Records data at `timeUnixMs`; clears the alarm when data resumes.
    public mutating func observe(atUnixMs timeUnixMs: Int64) -> [Event] {
        lastDataUnixMs = max(lastDataUnixMs ?? timeUnixMs, timeUnixMs)
        return latch.clear(at: timeUnixMs, value: nil, detail: "data resumed").map { [$0] } ?? []
    }

    /// Records a waveform chunk; its last sample is the newest data.
    public mutating func observe(_ chunk: WaveformChunk) -> [Event] {
        observe(atUnixMs: chunk.endUnixMs)
    }

    /// Raises once nothing has arrived for `timeout`; onset is the last data seen.
    public mutating func tick(nowUnixMs: Int64) -> [Event] {
        guard let last = lastDataUnixMs, nowUnixMs - last >= timeout.milliseconds else { return [] }
        let detail = "nothing for \(nowUnixMs - last) ms"
        return latch.raise(at: nowUnixMs, onset: last, value: nil, detail: detail).map { [$0] } ?? []
    }
}
