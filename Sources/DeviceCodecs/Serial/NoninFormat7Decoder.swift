/// Decodes Nonin serial data format #7: 6-byte frames `01 STATUS PLETH-MSB PLETH-LSB DATA CHK` at 75/s.
public struct NoninFormat7Decoder: ByteStreamDecoder {
    private var stream = NoninWaveformStream(layout: .format7)

    public init() {}

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        stream.decode(bytes, nowUnixMs: nowUnixMs)
    }
}
