/// A parsed WFDB `.hea` header: the record line, its signal (or segment) lines and its comments.
public struct WFDBHeader: Sendable, Equatable {
    /// Record name as written on the record line.
    public var recordName: String
    /// Segment count for multi-segment records (`name/n`); nil for single-segment records.
    public var segmentCount: Int?
    /// Number of signals in the record.
    public var signalCount: Int
    /// Frames per second (per signal, for signals with one sample per frame); 250 when absent.
    public var samplingFrequency: Double
    /// Counter frequency (`fs/counter`), when given.
    public var counterFrequency: Double?
    /// Counter value at the first sample (`fs/counter(base)`), when given.
    public var baseCounter: Double?
    /// Frames in the record (`nsamp`); nil when absent or zero, meaning "as many as the file holds".
    public var frameCount: Int?
    /// Base time as written, e.g. `10:20:30.5`.
    public var baseTime: String?
    /// Base date as written, e.g. `25/12/2001`.
    public var baseDate: String?
    /// Signal lines in order.
    public var signals: [WFDBSignalSpec]
    /// Segment lines in order (multi-segment records only).
    public var segments: [WFDBSegment]
    /// Comment lines without the leading `#` and surrounding blanks, in order.
    public var comments: [String]

    public init(
        recordName: String, segmentCount: Int? = nil, signalCount: Int, samplingFrequency: Double = 250,
        counterFrequency: Double? = nil, baseCounter: Double? = nil, frameCount: Int? = nil,
        baseTime: String? = nil, baseDate: String? = nil, signals: [WFDBSignalSpec] = [],
        segments: [WFDBSegment] = [], comments: [String] = []
    ) {
        self.recordName = recordName
        self.segmentCount = segmentCount
        self.signalCount = signalCount
        self.samplingFrequency = samplingFrequency
        self.counterFrequency = counterFrequency
        self.baseCounter = baseCounter
        self.frameCount = frameCount
        self.baseTime = baseTime
        self.baseDate = baseDate
        self.signals = signals
        self.segments = segments
        self.comments = comments
    }
}
