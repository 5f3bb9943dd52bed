import SignalCore

/// Timing rules of the QRS detector, in seconds, resolved to samples for one sample rate (125–1000 Hz).
public struct QRSDetectorConfiguration: Sendable, Hashable {
    public var frontEnd: PanTompkinsConfiguration
    /// No two beats closer than this (physiological refractory period).
    public var refractory: Double
    /// A candidate this soon after a beat, with less than half its slope, is taken for a T wave.
    public var tWaveWindow: Double
    /// Thresholds are learned from this first stretch before any beat is decided.
    public var learningPeriod: Double
    /// Search-back starts once a beat is this many average RR intervals overdue.
    public var searchBackFactor: Double
    /// Seconds of lead inactivity after which the lead is reported flat.
    public var flatAfter: Double

    public init(
        sampleRate: Double, refractory: Double = 0.2, tWaveWindow: Double = 0.36, learningPeriod: Double = 2,
        searchBackFactor: Double = 1.66, flatAfter: Double = 2
    ) {
        precondition((100...2_000).contains(sampleRate), "sample rate outside what the detector is tuned for")
        frontEnd = PanTompkinsConfiguration(sampleRate: sampleRate)
        self.refractory = refractory
        self.tWaveWindow = tWaveWindow
        self.learningPeriod = learningPeriod
        self.searchBackFactor = searchBackFactor
        self.flatAfter = flatAfter
    }

    public var sampleRate: Double { frontEnd.sampleRate }

    func samples(_ seconds: Double) -> Int { Int((seconds * sampleRate).rounded()) }
}
