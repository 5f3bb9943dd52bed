/// Decodes Nonin serial data format #2: 5-byte frames `01 STATUS PLETH DATA CHK` at 75/s, 8-bit pleth.
public struct NoninFormat2Decoder: ByteStreamDecoder {
    private var stream = NoninWaveformStream(layout: .format2)

    public init() {}

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        stream.decode(bytes, nowUnixMs: nowUnixMs)
    }
}
