import GatewayModel

/// Technical alarm "flatline": a waveform's peak-to-peak over `window` stays below `minimumPeakToPeak`
/// (physical units, i.e. after scale and offset), as when an amplifier input is open or a lead is off.
///
/// Default priority medium: the channel no longer monitors the patient. For ECG choose a threshold
/// below the baseline noise of a connected electrode and a window under 4 s, so the flatline is known
/// before an asystole pause would be (feed `isActive` into `ArrhythmiaDetector.setECGUsable`).
/// Raises at the first sample that completes a flat window (onset = window start); clears as soon
/// as the window's peak-to-peak reaches `minimumPeakToPeak + hysteresis`.
public struct FlatlineDetector: Sendable {
    public let window: Duration
    public let minimumPeakToPeak: Double
    public let hysteresis: Double
    private var latch: AlarmLatch
    private var run = SampleRun()
    private var extremes = SlidingExtremes()
    /// The window's peak-to-peak after each sample of the pass at hand; kept to reuse its storage.
    private var ranges: [Double] = []
    /// Samples per pass over a chunk: `ranges` grows to a pass and the queues to a window and a pass, not to a chunk
    /// however long.
    static let samplesPerPass = 1_024

    public init(
        device: String, channel: ChannelDescriptor, window: Duration = .seconds(3), minimumPeakToPeak: Double,
        hysteresis: Double = 0, priority: AlarmPriority = .medium, rule: String = "flatline"
    ) {
        self.window = window
        self.minimumPeakToPeak = minimumPeakToPeak
        self.hysteresis = max(0, hysteresis)
        self.latch = AlarmLatch(device: device, channel: channel, rule: rule, priority: priority)
    }

    public var isActive: Bool { latch.isActive }

    public mutating func observe(_ chunk: WaveformChunk) -> [Event] {
        guard chunk.periodNs > 0 else { return [] }
        if run.follow(chunk) { extremes.removeAll() }
        let windowNs = window.milliseconds * 1_000_000
        var events: [Event] = []
        for start in stride(from: 0, to: chunk.samples.count, by: Self.samplesPerPass) {
            let indices = start..<min(chunk.samples.count, start + Self.samplesPerPass)
            extremes.ranges(of: chunk, at: indices, windowNs: windowNs, into: &ranges)
            for (offset, range) in ranges.enumerated() {
                let timeNs = chunk.sampleUnixNs(indices.lowerBound + offset)
                guard changesState(range, at: timeNs, windowNs: windowNs) else { continue }
                if let event = transition(range, at: timeNs, windowNs: windowNs) { events.append(event) }
            }
        }
        return events
    }

    // A plain yes or no for every sample: passing an optional Event back from each one cost copies of it (perf).
    // An empty window's range is NaN, which changes nothing.
    private func changesState(_ range: Double, at timeNs: Int64, windowNs: Int64) -> Bool {
        if latch.isActive { return range >= minimumPeakToPeak + hysteresis }
        return range < minimumPeakToPeak && run.covers(windowNs, at: timeNs)
    }

    private mutating func transition(_ range: Double, at timeNs: Int64, windowNs: Int64) -> Event? {
        if latch.isActive { return latch.clear(at: timeNs / 1_000_000, value: range, detail: describe(range)) }
        let onset = (timeNs - windowNs) / 1_000_000
        return latch.raise(at: timeNs / 1_000_000, onset: onset, value: range, detail: describe(range))
    }

    private func describe(_ range: Double) -> String {
        "peak-to-peak \(range) \(latch.channel.unit) over \(window.seconds) s"
    }
}
