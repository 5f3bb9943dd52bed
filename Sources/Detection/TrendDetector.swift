import GatewayModel

/// Robust slow-drift detector on one numeric channel: compares the median of a recent window with
/// the median and MAD of the baseline window just before it (see `TrendRule`).
///
/// Medians make it blind to single outliers; invalid, absent and out-of-order readings are skipped.
/// Onset is the first reading of the recent window. Both windows slide, so a drift that settles on
/// a new level clears once the baseline has caught up with it.
public struct TrendDetector: Sendable {
    private struct Windows {
        var baseline: [Double]
        var recent: [Double]
        var recentStartMs: Int64
    }

    public let rule: TrendRule
    private var latch: AlarmLatch
    private var readings = TimedQueue<Double>()

    public init(device: String, channel: ChannelDescriptor, rule: TrendRule) {
        self.rule = rule
        self.latch = AlarmLatch(device: device, channel: channel, rule: rule.name, priority: rule.priority)
    }

    public var isActive: Bool { latch.isActive }

    public mutating func observe(_ measurement: Measurement) -> [Event] {
        guard let value = measurement.value, value.isFinite, !measurement.status.contains(.invalid) else { return [] }
        let timeMs = measurement.timeUnixMs
        if let last = readings.last, timeMs < last.time { return [] }
        readings.append(value, at: timeMs)
        readings.removeAll(before: timeMs - rule.recentWindow.milliseconds - rule.baselineWindow.milliseconds)
        return evaluate(at: timeMs).map { [$0] } ?? []
    }

    private func split(at timeMs: Int64) -> Windows? {
        let cut = timeMs - rule.recentWindow.milliseconds
        let live = readings.elements
        let recent = live.filter { $0.time >= cut }
        let baseline = live.filter { $0.time < cut }.map(\.value)
        guard let first = recent.first, recent.count >= rule.minimumReadings, baseline.count >= rule.minimumReadings else { return nil }
        return Windows(baseline: baseline, recent: recent.map(\.value), recentStartMs: first.time)
    }

    private mutating func evaluate(at timeMs: Int64) -> Event? {
        guard let windows = split(at: timeMs),
              let baseline = RobustStatistics.median(windows.baseline),
              let spread = RobustStatistics.scaledMAD(windows.baseline, around: baseline),
              let recent = RobustStatistics.median(windows.recent)
        else { return nil }
        let threshold = max(rule.k * spread, rule.minimumChange)
        let departure = rule.departure(recent: recent, baseline: baseline)
        let detail = "median \(recent) vs baseline \(baseline) \(latch.channel.unit) (threshold \(threshold))"
        if latch.isActive {
            guard departure <= threshold * rule.clearFraction else { return nil }
            return latch.clear(at: timeMs, value: recent, detail: detail)
        }
        guard departure > threshold else { return nil }
        return latch.raise(at: timeMs, onset: windows.recentStartMs, value: recent, detail: detail)
    }
}
