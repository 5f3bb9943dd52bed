/// Streaming pulse detector for pleth (PPG) and arterial pressure waveforms at 50–500 Hz.
///
/// Band-pass, then Zong's slope sum function (the sum of upslopes over ~128 ms), then an adaptive threshold with a
/// refractory period; the foot is placed by intersecting tangents. Every decision is made sample by sample, so feeding
/// the stream in any chunking yields exactly the pulses and status of one whole pass. The first `learningPeriod`
/// seconds only set the threshold, and a pulse is reported once its upstroke is over (about 0.1–0.3 s later).
public struct PulseDetector: Sendable {
    public let sampleRate: Double
    public let configuration: PulseDetectorConfiguration
    let timing: PulseTiming
    private var filter: PulseBandPass
    private var lastInput = 0.0
    private(set) var filteredHistory: PulseHistory
    private var upslopes: PulseHistory
    private var slopeSum = 0.0
    private var level = 0.0
    private var armed = true
    private var candidate: (crossing: Int, maximum: Double)?
    private var lastCrossing: Int?
    private(set) var lastPeak = -1
    /// Pulses whose onset may still lie in the status window, oldest first.
    private(set) var recentPulses: [Pulse] = []

    /// Samples consumed so far; the next sample gets this index.
    public var sampleCount: Int { filteredHistory.end }

    public init(sampleRate: Double, configuration: PulseDetectorConfiguration = .init()) {
        precondition(sampleRate > 0, "sample rate must be positive")
        self.sampleRate = sampleRate
        self.configuration = configuration
        timing = PulseTiming(configuration: configuration, sampleRate: sampleRate)
        filter = PulseBandPass(passBand: configuration.passBand, sampleRate: sampleRate)
        filteredHistory = PulseHistory(capacity: timing.historyLength)
        upslopes = PulseHistory(capacity: timing.slopeWindow)
    }

    /// Consumes `samples` and returns the pulses completed while doing so, in order.
    public mutating func process<Samples: Sequence>(_ samples: Samples) -> [Pulse] where Samples.Element: BinaryFloatingPoint {
        var pulses: [Pulse] = []
        for sample in samples {
            if let pulse = step(Double(sample)) { pulses.append(pulse) }
        }
        return pulses
    }

    /// Consumes one sample; returns a pulse if this sample completed one.
    public mutating func step(_ sample: Double) -> Pulse? {
        let n = filteredHistory.end
        // A missing (non-finite) sample repeats the previous one rather than poisoning the filters forever.
        if sample.isFinite { lastInput = sample }
        let y = filter.process(lastInput)
        let rise = n > 0 ? max(0, y - filteredHistory[n - 1]) : 0
        slopeSum += rise - (upslopes.end >= upslopes.capacity ? upslopes[upslopes.end - upslopes.capacity] : 0)
        upslopes.append(rise)
        filteredHistory.append(y)
        // Re-summing now and then stops floating-point drift in the running sum; the schedule depends only on n.
        if n % upslopes.capacity == 0 { slopeSum = (upslopes.start..<upslopes.end).reduce(0) { $0 + upslopes[$1] } }
        return detect(at: n)
    }

    private mutating func detect(at n: Int) -> Pulse? {
        guard n >= timing.learning else {
            level = max(level, slopeSum)
            return nil
        }
        decayLevel(at: n)
        let threshold = max(configuration.thresholdFraction * level, Self.floor)
        if let held = candidate { return follow(held, at: n) }
        if slopeSum <= threshold {
            armed = true
        } else if armed, n - (lastCrossing ?? Int.min / 2) >= timing.refractory {
            candidate = (n, slopeSum)
            armed = false
            lastCrossing = n
        }
        return nil
    }

    /// Tracks an upstroke until its slope sum has halved (the upstroke is over), then places foot and peak.
    private mutating func follow(_ held: (crossing: Int, maximum: Double), at n: Int) -> Pulse? {
        let maximum = max(held.maximum, slopeSum)
        guard slopeSum < maximum / 2 || n - held.crossing >= timing.maximumUpstroke else {
            candidate = (held.crossing, maximum)
            return nil
        }
        candidate = nil
        level += (maximum - level) / 8
        let peak = filteredHistory.indexOfExtreme(in: held.crossing...n, maximum: true)
        let onset = foot(before: peak, crossing: held.crossing)
        lastPeak = peak
        let pulse = Pulse(
            onset: max(0, onset.index - timing.delay), peak: max(0, peak - timing.delay), amplitude: filteredHistory[peak] - onset.level
        )
        remember(pulse, at: n)
        return pulse
    }

    /// After a long silence the level halves each second, so one large artefact cannot blind the detector.
    private mutating func decayLevel(at n: Int) {
        if n - (lastCrossing ?? timing.learning) > timing.decayAfter { level *= timing.decayPerSample }
    }

    private mutating func remember(_ pulse: Pulse, at n: Int) {
        recentPulses.append(pulse)
        let oldest = n - timing.window
        if let stale = recentPulses.firstIndex(where: { $0.onset >= oldest }), stale > 0 { recentPulses.removeFirst(stale) }
    }

    /// Slope sums at or below this are treated as a flat line, whatever the learned level.
    static let floor = 1e-9
}
