import Detection

/// What the gateway watches on one channel besides its limit alarms, as the profile configures it.
public struct ChannelAnalysis: Sendable, Equatable {
    /// Which physiological waveform a channel carries, for beat and pulse detection.
    public enum Signal: String, Sendable, CaseIterable {
        case ecg
        case pleth
        case arterial
    }

    /// A flat trace: peak-to-peak below `below` (physical units) for `duration`.
    public struct Flatline: Sendable, Equatable {
        public var below: Double
        public var duration: Duration
    }

    /// Samples at the converter's rails (raw sample units).
    public struct Clipping: Sendable, Equatable {
        public var low: Int32
        public var high: Int32
    }

    public var signal: Signal?
    /// Technical alarm when no data arrives for this long (sensor off, cable pulled).
    public var noData: Duration?
    public var flatline: Flatline?
    public var clipping: Clipping?
    public var trend: TrendRule?

    public init(signal: Signal? = nil, noData: Duration? = nil, flatline: Flatline? = nil, clipping: Clipping? = nil, trend: TrendRule? = nil) {
        self.signal = signal
        self.noData = noData
        self.flatline = flatline
        self.clipping = clipping
        self.trend = trend
    }
}
