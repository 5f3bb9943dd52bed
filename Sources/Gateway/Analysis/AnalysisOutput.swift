import GatewayModel

/// What the analysis found in one device's readings: alarm events, beats, and alarm snippets.
public struct AnalysisOutput: Sendable {
    public var events: [Event] = []
    public var beats: [DetectedBeat] = []
    /// Rates the analysis derives (ECG heart rate, pleth pulse rate), for the vital lane.
    public var measurements: [Measurement] = []
    /// Waveform around a high-priority alarm, for the alarm lane.
    public var snippets: [WaveformChunk] = []

    public init() {}
}
