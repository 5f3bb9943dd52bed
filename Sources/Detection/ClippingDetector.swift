import GatewayModel

/// Technical alarm "clipping": too many samples of a waveform sit at the ADC rails over `window`
/// (amplifier saturation, e.g. electrode polarisation or motion), so the shape is unreliable.
///
/// Default priority low: the signal is degraded, not lost. Rails are raw ADC values: a sample at or
/// beyond `lowerRail` or `upperRail` counts. Raises at the first sample completing a window whose
/// railed fraction is at least `raiseFraction` (onset = its first railed sample); clears when the fraction falls
/// to `clearFraction` or below (default half the raise fraction), so a borderline signal does not chatter.
public struct ClippingDetector: Sendable {
    public let lowerRail: Int32
    public let upperRail: Int32
    public let window: Duration
    public let raiseFraction: Double
    public let clearFraction: Double
    private var latch: AlarmLatch
    private var run = SampleRun()
    private var samples = TimedQueue<Bool>()
    private var railed = 0

    public init(
        device: String, channel: ChannelDescriptor, lowerRail: Int32, upperRail: Int32, window: Duration = .seconds(2),
        raiseFraction: Double = 0.1, clearFraction: Double? = nil, priority: AlarmPriority = .low, rule: String = "clipping"
    ) {
        self.lowerRail = lowerRail
        self.upperRail = upperRail
        self.window = window
        self.raiseFraction = raiseFraction
        self.clearFraction = min(clearFraction ?? raiseFraction / 2, raiseFraction)
        self.latch = AlarmLatch(device: device, channel: channel, rule: rule, priority: priority)
    }

    public var isActive: Bool { latch.isActive }

    public mutating func observe(_ chunk: WaveformChunk) -> [Event] {
        guard chunk.periodNs > 0 else { return [] }
        if run.follow(chunk) { resetWindow() }
        let windowNs = window.milliseconds * 1_000_000
        var events: [Event] = []
        for (index, sample) in chunk.samples.enumerated() {
            let timeNs = chunk.sampleUnixNs(index)
            push(sample <= lowerRail || sample >= upperRail, at: timeNs, windowNs: windowNs)
            if let event = evaluate(at: timeNs, windowNs: windowNs) { events.append(event) }
        }
        return events
    }

    private mutating func push(_ isRailed: Bool, at timeNs: Int64, windowNs: Int64) {
        samples.append(isRailed, at: timeNs)
        if isRailed { railed += 1 }
        railed -= samples.removeAll(before: timeNs - windowNs) { $0 }
    }

    private mutating func resetWindow() {
        samples.removeAll()
        railed = 0
    }

    private mutating func evaluate(at timeNs: Int64, windowNs: Int64) -> Event? {
        let fraction = Double(railed) / Double(max(1, samples.count))
        if latch.isActive {
            guard fraction <= clearFraction else { return nil }
            return latch.clear(at: timeNs / 1_000_000, value: fraction, detail: describe(fraction))
        }
        guard fraction >= raiseFraction, run.covers(windowNs, at: timeNs) else { return nil }
        let onset = (samples.elements.first { $0.value }?.time ?? timeNs) / 1_000_000
        return latch.raise(at: timeNs / 1_000_000, onset: onset, value: fraction, detail: describe(fraction))
    }

    private func describe(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded())) % of samples at the rails over \(window.seconds) s"
    }
}
