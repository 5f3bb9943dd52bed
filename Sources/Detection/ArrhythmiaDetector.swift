import GatewayModel

/// Patient-level arrhythmia alarms after PhysioNet/CinC 2015: asystole, extreme bradycardia and
/// extreme tachycardia, all high priority by default, from QRS beat times (Unix ms, from one lead
/// or fused from several).
///
/// False-alarm guards: asystole is not raised while the ECG is unusable (lead-off, flatline, noise:
/// a technical alarm covers that); with pulses on a pleth or arterial channel during the pause it
/// emits `.suppressed` instead of raising. Beats are ignored while the ECG is unusable, and no rate is
/// taken across such a gap. The gateway calls `tick(nowUnixMs:)` often (e.g. every 250 ms) with the
/// stream time up to which QRS detection is complete, so asystole fires without waiting for a beat.
/// Events name `device` and `channel` (the analysed ECG); onset is the first beat of a rate run, or
/// the last beat (or the return of a usable ECG) before a pause.
public struct ArrhythmiaDetector: Sendable {
    public let configuration: Configuration
    private var asystole: AlarmLatch
    private var bradycardia: RateRun
    private var tachycardia: RateRun
    public private(set) var isECGUsable = true
    /// Last accepted beat, for the RR interval; nil across an unusable stretch.
    private var lastBeatMs: Int64?
    /// Start of the current beat-free stretch (last beat or return of a usable ECG).
    private var pauseStartMs: Int64?
    private var usableSinceMs: Int64?
    private var beatsSincePause = 0
    private var suppressedPauseMs: Int64?
    private var pulses: [Int64] = []

    public init(device: String, channel: ChannelDescriptor, configuration: Configuration = Configuration(), armedAtUnixMs: Int64? = nil) {
        self.configuration = configuration
        let latch = { AlarmLatch(device: device, channel: channel, rule: $0, priority: configuration.priority) }
        asystole = latch("asystole")
        bradycardia = RateRun(
            side: .below(configuration.bradycardiaRate), beats: configuration.bradycardiaBeats,
            clearingBeats: configuration.clearingBeats, latch: latch("extreme-bradycardia")
        )
        tachycardia = RateRun(
            side: .above(configuration.tachycardiaRate), beats: configuration.tachycardiaBeats,
            clearingBeats: configuration.clearingBeats, latch: latch("extreme-tachycardia")
        )
        pauseStartMs = armedAtUnixMs
    }

    public var isAsystoleActive: Bool { asystole.isActive }
    public var isBradycardiaActive: Bool { bradycardia.latch.isActive }
    public var isTachycardiaActive: Bool { tachycardia.latch.isActive }

    /// Feeds one detected QRS complex.
    public mutating func observeBeat(atUnixMs timeMs: Int64) -> [Event] {
        guard isECGUsable, timeMs >= usableSinceMs ?? timeMs else { return [] }
        if let last = lastBeatMs, timeMs - last < configuration.refractory.milliseconds { return [] }
        var events: [Event] = []
        if let event = endPause(at: timeMs) { events.append(event) }
        if let last = lastBeatMs {
            let rate = 60_000 / Double(timeMs - last)
            events += [bradycardia.beat(rate: rate, at: timeMs), tachycardia.beat(rate: rate, at: timeMs)].compactMap { $0 }
        }
        lastBeatMs = timeMs
        pauseStartMs = timeMs
        return events
    }

    /// Feeds one pulse detected on a pleth or arterial pressure channel of the same patient.
    public mutating func observePulse(atUnixMs timeMs: Int64) {
        pulses.append(timeMs)
        let keep = timeMs - 2 * (configuration.asystolePause + configuration.pulseTransit).milliseconds
        pulses.removeAll { $0 < keep }
    }

    /// Marks the ECG unusable (lead-off, flatline, noise) or usable again; feed it before `tick`.
    public mutating func setECGUsable(_ usable: Bool, atUnixMs timeMs: Int64) {
        guard usable != isECGUsable else { return }
        isECGUsable = usable
        lastBeatMs = nil
        bradycardia.reset()
        tachycardia.reset()
        guard usable else { return }
        usableSinceMs = timeMs
        pauseStartMs = max(pauseStartMs ?? timeMs, timeMs)
    }

    /// Advances stream time: raises (or suppresses) asystole once the pause reaches `asystolePause`.
    public mutating func tick(nowUnixMs nowMs: Int64) -> [Event] {
        let pauseMs = configuration.asystolePause.milliseconds
        guard isECGUsable, !asystole.isActive, let start = pauseStartMs, nowMs - start >= pauseMs else { return [] }
        let pulseCount = countPulses(after: max(start + configuration.pulseTransit.milliseconds, nowMs - pauseMs), through: nowMs)
        let pause = Double(nowMs - start) / 1000
        guard pulseCount >= configuration.minimumPulses else {
            let detail = "no QRS for \(pause) s"
            return asystole.raise(at: nowMs, onset: start, value: pause, detail: detail).map { [$0] } ?? []
        }
        guard suppressedPauseMs != start else { return [] }
        suppressedPauseMs = start
        let detail = "no QRS for \(pause) s but \(pulseCount) pulses on the pulsatile channel"
        return [asystole.suppressed(at: nowMs, onset: start, value: pause, detail: detail)]
    }

    private func countPulses(after startMs: Int64, through endMs: Int64) -> Int {
        pulses.count { $0 > startMs && $0 <= endMs }
    }

    /// A beat ends any pause; asystole clears after `asystoleClearingBeats` beats without a new pause.
    private mutating func endPause(at timeMs: Int64) -> Event? {
        guard asystole.isActive, let start = pauseStartMs else { return nil }
        beatsSincePause = timeMs - start >= configuration.asystolePause.milliseconds ? 1 : beatsSincePause + 1
        guard beatsSincePause >= configuration.asystoleClearingBeats else { return nil }
        beatsSincePause = 0
        return asystole.clear(at: timeMs, value: nil, detail: "QRS complexes resumed")
    }
}
