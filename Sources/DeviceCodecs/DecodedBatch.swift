/// Everything decoded from one payload or one chunk of a byte stream.
public struct DecodedBatch: Sendable, Equatable {
    public var values: [DecodedValue]
    public var waveforms: [DecodedWaveform]
    public var conditions: [DeviceCondition]
    /// Frames or lines that failed (bad checksum, bad syntax); each is counted, none is fatal.
    public var errors: [DecodeError]
    /// Frames the device sent that never arrived, known from sequence-number gaps.
    public var lostFrames: Int
    /// Complete frames, lines or messages seen, good or bad.
    public var frames: Int

    public init(
        values: [DecodedValue] = [], waveforms: [DecodedWaveform] = [], conditions: [DeviceCondition] = [],
        errors: [DecodeError] = [], lostFrames: Int = 0, frames: Int = 0
    ) {
        self.values = values
        self.waveforms = waveforms
        self.conditions = conditions
        self.errors = errors
        self.lostFrames = lostFrames
        self.frames = frames
    }

    public mutating func merge(_ other: DecodedBatch) {
        values += other.values
        waveforms += other.waveforms
        conditions += other.conditions
        errors += other.errors
        lostFrames += other.lostFrames
        frames += other.frames
    }
}

/// A decoder of a continuous byte stream (a serial port): it keeps partial frames between calls
/// and resynchronises after garbage, so any chunking of the stream gives the same result.
public protocol ByteStreamDecoder: Sendable {
    mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch
}
