/// A QRS complex found on one ECG lead: its sample index in that lead's stream and its time.
public struct DetectedBeat: Sendable, Hashable {
    public var device: String
    public var channel: String
    public var sampleIndex: Int
    public var unixMs: Int64
}
