import GatewayModel

/// Heart rate from the fused ECG beats and pulse rate from the pleth, reported as readings every few
/// seconds so the platform sees the rate the gateway's own rhythm analysis works from.
struct DerivedRates: Sendable {
    static let interval: Int64 = 5000
    static let heartRate = ChannelDescriptor(
        name: "hr-ecg", code: ChannelCode(mdc: 147842, loinc: "8867-4", display: "Heart rate (ECG)"), unit: "/min"
    )
    static let pulseRate = ChannelDescriptor(
        name: "pr-pleth", code: ChannelCode(mdc: 149530, loinc: "8867-4", display: "Pulse rate (pleth)"), unit: "/min"
    )

    private var beats: [String: [Int64]] = [:]
    private var lastReport: [ChannelKey: Int64] = [:]

    /// Keeps the last nine fused beats of a device: eight RR intervals.
    mutating func record(beats times: [Int64], device: String) {
        guard !times.isEmpty else { return }
        beats[device, default: []].append(contentsOf: times)
        if let count = beats[device]?.count, count > 9 { beats[device]?.removeFirst(count - 9) }
    }

    /// The ECG heart rate of a device at stream time `nowMs`, when a report is due and beats are recent.
    mutating func heartRate(device: String, nowMs: Int64) -> Measurement? {
        guard let times = beats[device], times.count >= 3, let last = times.last, nowMs - last < 4000,
              due(ChannelKey(device: device, channel: Self.heartRate.name), nowMs)
        else { return nil }
        // The median RR: one long pause or one extra beat does not swing the reported rate.
        let intervals = zip(times.dropFirst(), times).map { Double($0 - $1) }.sorted()
        let median = intervals[intervals.count / 2]
        return Measurement(device: device, channel: Self.heartRate, timeUnixMs: nowMs, value: (60_000 / median).rounded())
    }

    /// The pulse rate of a pleth channel, when a report is due; `rate` is asked only then (it is costly).
    mutating func pulseRate(device: String, channel: String, nowMs: Int64, rate: () -> Double?) -> Measurement? {
        guard due(ChannelKey(device: device, channel: channel), nowMs), let value = rate() else { return nil }
        return Measurement(device: device, channel: Self.pulseRate, timeUnixMs: nowMs, value: value.rounded())
    }

    private mutating func due(_ key: ChannelKey, _ nowMs: Int64) -> Bool {
        if let last = lastReport[key], nowMs - last < Self.interval { return false }
        lastReport[key] = nowMs
        return true
    }
}
