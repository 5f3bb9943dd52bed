/// Decodes Nonin serial data format #2: 5-byte frames `01 STATUS PLETH DATA CHK` at 75/s, 8-bit pleth.
public struct NoninFormat2Decoder: ByteStreamDecoder {
    static let frameLength = 5

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
                batch.errors.append(DecodeError("Nonin #2: bad frame (sync byte, STATUS bit 7 or checksum); resynchronising"))
            case let .frame(frame, skipped):
                let parsed = NoninPacketAssembler.Frame(status: frame[1], pleth: Int32(frame[2]), data: frame[3])
                packets.add(parsed, afterSkipping: skipped, frameLength: Self.frameLength, nowUnixMs: nowUnixMs, into: &batch)
            }
        }
        return batch
    }

    /// Sync byte 0x01, STATUS bit 7 set and CHK = (b0 + b1 + b2 + b3) mod 256.
    static func isFrame(_ bytes: [UInt8], at start: Int) -> Bool {
        bytes[start] == 0x01 && bytes[start + 1] & 0x80 != 0
            && bytes[start] &+ bytes[start + 1] &+ bytes[start + 2] &+ bytes[start + 3] == bytes[start + 4]
    }
}
