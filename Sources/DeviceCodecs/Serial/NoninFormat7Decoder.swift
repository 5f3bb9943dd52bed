/// Decodes Nonin serial data format #7: 6-byte frames `01 STATUS PLETH-MSB PLETH-LSB DATA CHK` at 75/s.
public struct NoninFormat7Decoder: ByteStreamDecoder {
    static let frameLength = 6

    private var scanner = SerialFrameScanner(frameLength: frameLength)
    private var packets = NoninPacketAssembler()

    public init() {}

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var batch = DecodedBatch()
        scanner.append(bytes)
        while let step = scanner.next(needing: Self.frameLength, accept: Self.isFrame) {
            batch.frames += 1
            switch step {
            case .garbage:
                batch.errors.append(DecodeError("Nonin #7: bad frame (sync byte, STATUS bit 7 or checksum); resynchronising"))
            case let .frame(frame, skipped):
                let pleth = Int32(frame[2]) << 8 | Int32(frame[3])
                let parsed = NoninPacketAssembler.Frame(status: frame[1], pleth: pleth, data: frame[4])
                packets.add(parsed, afterSkipping: skipped, frameLength: Self.frameLength, nowUnixMs: nowUnixMs, into: &batch)
            }
        }
        return batch
    }

    /// Sync byte 0x01, STATUS bit 7 set and CHK = the sum of the five bytes before it, mod 256: format #2's
    /// rule (every byte before CHK) carried over to the longer frame, as Nonin defines it for #7.
    static func isFrame(_ bytes: [UInt8], at start: Int) -> Bool {
        bytes[start] == 0x01 && bytes[start + 1] & 0x80 != 0
            && bytes[start] &+ bytes[start + 1] &+ bytes[start + 2] &+ bytes[start + 3] &+ bytes[start + 4] == bytes[start + 5]
    }
}
