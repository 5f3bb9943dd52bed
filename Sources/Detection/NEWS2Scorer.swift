import GatewayModel

/// Keeps one patient's latest NEWS2 parameters and emits events when the score or level changes.
///
/// Numeric parameters come from coded readings (`parameter(for:)`: LOINC first, MDC as fallback);
/// supplemental oxygen and consciousness are set explicitly (nurse entry or configuration). Each
/// change of score or level ends the previous NEWS2 alarm instance (`.cleared`) and, unless the level
/// is routine, raises a new one (rule `escalation`, value = score, priority from `NEWS2Level.alarmPriority`).
/// Readings older than `maxAge` (relative to the newest input) count as missing. With a `hold`, a new
/// score or level is announced only once it has lasted that long: vitals wandering across a band edge
/// would otherwise raise and clear an escalation every few seconds.
public struct NEWS2Scorer: Sendable {
    /// The channel NEWS2 events are reported on.
    public static let channel = ChannelDescriptor(name: "news2", code: ChannelCode(display: "NEWS2"), unit: "{score}")

    public let patient: String
    public var spo2Scale: NEWS2SpO2Scale
    public let maxAge: Duration?
    public let hold: Duration
    public private(set) var assessment: NEWS2Assessment?
    private var announced: NEWS2Assessment?
    /// When the current, not yet announced, score and level were first seen.
    private var changedSinceMs: Int64?
    /// `NEWS2Table.subScoreKey` of `assessment`.
    private var assessedKey: Int?
    private var latch: AlarmLatch
    /// By chart position (`NEWS2Parameter.rawValue`): every reading looks them up.
    private var values = [Double?](repeating: nil, count: NEWS2Parameter.allCases.count)
    private var times = [Int64?](repeating: nil, count: NEWS2Parameter.allCases.count)
    private var onOxygen: Bool?
    private var consciousness: NEWS2Consciousness?

    public init(
        patient: String, spo2Scale: NEWS2SpO2Scale = .scale1, device: String? = nil,
        channel: ChannelDescriptor = NEWS2Scorer.channel, maxAge: Duration? = nil, hold: Duration = .zero
    ) {
        self.patient = patient
        self.spo2Scale = spo2Scale
        self.maxAge = maxAge
        self.hold = hold
        self.latch = AlarmLatch(device: device ?? patient, channel: channel, rule: "escalation", priority: .low)
    }

    /// Takes a reading of this patient; readings of other channels, invalid or without value are ignored.
    public mutating func observe(_ measurement: Measurement) -> [Event] {
        guard let parameter = Self.parameter(for: measurement.channel.code),
              let value = measurement.value, value.isFinite, !measurement.status.contains(.invalid)
        else { return [] }
        values[parameter.rawValue] = parameter == .temperature ? Self.celsius(value, unit: measurement.channel.unit) : value
        return record(parameter, at: measurement.timeUnixMs)
    }

    public mutating func setSupplementalOxygen(_ on: Bool, atUnixMs timeMs: Int64) -> [Event] {
        onOxygen = on
        return record(.supplementalOxygen, at: timeMs)
    }

    public mutating func setConsciousness(_ level: NEWS2Consciousness, atUnixMs timeMs: Int64) -> [Event] {
        consciousness = level
        return record(.consciousness, at: timeMs)
    }

    /// Re-scores at stream time `nowUnixMs` so readings past `maxAge` drop out without new input.
    public mutating func tick(nowUnixMs: Int64) -> [Event] {
        guard maxAge != nil, assessment != nil else { return [] }
        return reassess(at: nowUnixMs)
    }

    /// Which NEWS2 parameter a channel code carries, if any.
    public static func parameter(for code: ChannelCode) -> NEWS2Parameter? {
        if let loinc = code.loinc, let parameter = byLOINC[loinc] { return parameter }
        return code.mdc.flatMap { byMDC[$0] }
    }

    private static let byLOINC: [String: NEWS2Parameter] = [
        "9279-1": .respirationRate, "59408-5": .oxygenSaturation, "2708-6": .oxygenSaturation,
        "8480-6": .systolicBloodPressure, "8867-4": .pulse, "8889-8": .pulse, "8310-5": .temperature,
    ]

    private static let byMDC: [UInt32: NEWS2Parameter] = [
        151562: .respirationRate, 150456: .oxygenSaturation, 150021: .systolicBloodPressure,
        147842: .pulse, 149530: .pulse, 150364: .temperature,
    ]

    private static func celsius(_ value: Double, unit: String) -> Double {
        unit == "[degF]" ? (value - 32) * 5 / 9 : value
    }

    private mutating func record(_ parameter: NEWS2Parameter, at timeMs: Int64) -> [Event] {
        times[parameter.rawValue] = timeMs
        return reassess(at: timeMs)
    }

    private mutating func reassess(at timeMs: Int64) -> [Event] {
        let now = max(timeMs, assessment?.timeUnixMs ?? timeMs)
        let next = assessed(at: now)
        defer { assessment = next }
        guard next.score != announced?.score || next.level != announced?.level else {
            changedSinceMs = nil
            return []
        }
        if next.score != assessment?.score || next.level != assessment?.level { changedSinceMs = now }
        guard now - (changedSinceMs ?? now) >= hold.milliseconds else { return [] }
        announced = next
        changedSinceMs = nil
        return announce(next)
    }

    /// The assessment at `nowMs`: the current one moved to that time while no sub-score changed.
    private mutating func assessed(at nowMs: Int64) -> NEWS2Assessment {
        let vitals = vitals(at: nowMs)
        let key = NEWS2Table.subScoreKey(vitals, scale: spo2Scale)
        if var unchanged = assessment, key == assessedKey {
            unchanged.timeUnixMs = nowMs
            return unchanged
        }
        assessedKey = key
        return NEWS2Assessment(vitals: vitals, scale: spo2Scale, timeUnixMs: nowMs)
    }

    private func vitals(at nowMs: Int64) -> NEWS2Vitals {
        let maxAgeMs = maxAge?.milliseconds
        let fresh = { (parameter: NEWS2Parameter) -> Bool in
            guard let time = times[parameter.rawValue] else { return false }
            guard let maxAgeMs else { return true }
            return nowMs - time <= maxAgeMs
        }
        let current = { (parameter: NEWS2Parameter) -> Double? in fresh(parameter) ? values[parameter.rawValue] : nil }
        return NEWS2Vitals(
            respirationRate: current(.respirationRate),
            oxygenSaturation: current(.oxygenSaturation),
            onSupplementalOxygen: fresh(.supplementalOxygen) ? onOxygen : nil,
            systolicBloodPressure: current(.systolicBloodPressure),
            pulse: current(.pulse),
            consciousness: fresh(.consciousness) ? consciousness : nil,
            temperature: current(.temperature)
        )
    }

    private mutating func announce(_ next: NEWS2Assessment) -> [Event] {
        let value = Double(next.score)
        var events = [latch.clear(at: next.timeUnixMs, value: value, detail: next.summary)].compactMap { $0 }
        guard let priority = next.level.alarmPriority else { return events }
        latch.priority = priority
        events += [latch.raise(at: next.timeUnixMs, onset: next.timeUnixMs, value: value, detail: next.summary)].compactMap { $0 }
        return events
    }
}
