import GatewayModel

/// Technical alarm "lead-off": the device reports an ECG electrode (or other sensor) detached.
///
/// Default priority medium (the channel no longer monitors the patient) and no condition delay.
/// `isLeadOff` follows the report at once, whatever the delay, because it is what keeps
/// `ArrhythmiaDetector` from calling a lead-off "asystole". `MeasurementStatus` has no lead-off bit,
/// so `observe(_:)` reads `.sensorProblem` on the channel's readings as lead-off; devices with a
/// dedicated lead-off flag or condition call `observe(leadOff:atUnixMs:)`.
public struct LeadOffDetector: Sendable {
    private var latch: AlarmLatch
    private var delay: ConditionDelay
    public private(set) var isLeadOff = false

    public init(
        device: String, channel: ChannelDescriptor, delay: Duration = .zero,
        priority: AlarmPriority = .medium, rule: String = "lead-off"
    ) {
        self.latch = AlarmLatch(device: device, channel: channel, rule: rule, priority: priority)
        self.delay = ConditionDelay(delayMs: delay.milliseconds)
    }

    public var isActive: Bool { latch.isActive }

    /// Feeds one report of the lead state at `timeUnixMs`.
    public mutating func observe(leadOff: Bool, atUnixMs timeUnixMs: Int64) -> [Event] {
        isLeadOff = leadOff
        if !leadOff {
            delay.reset()
            return latch.clear(at: timeUnixMs, value: nil, detail: "lead reattached").map { [$0] } ?? []
        }
        guard let onset = delay.update(holds: true, at: timeUnixMs) else { return [] }
        return latch.raise(at: timeUnixMs, onset: onset, value: nil, detail: "check electrodes").map { [$0] } ?? []
    }

    /// Reads `.sensorProblem` on a reading of the channel as lead-off.
    public mutating func observe(_ measurement: Measurement) -> [Event] {
        observe(leadOff: measurement.status.contains(.sensorProblem), atUnixMs: measurement.timeUnixMs)
    }
}
