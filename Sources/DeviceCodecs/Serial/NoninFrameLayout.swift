/// What differs between Nonin formats #2 and #7: frame length and pleth width. Sync, status,
/// data, checksum rule and packet assembly are the same, so one decoding path serves both.
struct NoninFrameLayout: Sendable {
    let name: String
    let frameLength: Int
    /// 1: 8-bit pleth in byte 2 (#2); 2: 16-bit big-endian pleth in bytes 2–3 (#7).
    let plethBytes: Int

    static let format2 = NoninFrameLayout(name: "#2", frameLength: 5, plethBytes: 1)
    static let format7 = NoninFrameLayout(name: "#7", frameLength: 6, plethBytes: 2)

    /// Sync byte 0x01, STATUS bit 7 set, and CHK = the sum of every byte before it, mod 256.
    func isFrame(_ bytes: [UInt8], at start: Int) -> Bool {
        guard bytes[start] == 0x01, bytes[start + 1] & 0x80 != 0 else { return false }
        var sum: UInt8 = 0
        for index in start..<(start + frameLength - 1) { sum &+= bytes[index] }
        return sum == bytes[start + frameLength - 1]
    }

    func parse(_ frame: [UInt8]) -> NoninPacketAssembler.Frame {
        let pleth = plethBytes == 1 ? Int32(frame[2]) : Int32(frame[2]) << 8 | Int32(frame[3])
        return NoninPacketAssembler.Frame(status: frame[1], pleth: pleth, data: frame[2 + plethBytes])
    }
}

/// The decoding loop of formats #2 and #7: scan for frames, assemble packets, count garbage.
struct NoninWaveformStream: Sendable {
    let layout: NoninFrameLayout
    private var scanner: SerialFrameScanner
    private var packets = NoninPacketAssembler()

    init(layout: NoninFrameLayout) {
        self.layout = layout
        scanner = SerialFrameScanner(frameLength: layout.frameLength)
    }

    mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var batch = DecodedBatch()
        scanner.append(bytes)
        while let step = scanner.next(needing: layout.frameLength, accept: layout.isFrame) {
            batch.frames += 1
            switch step {
            case .garbage:
                batch.errors.append(DecodeError("Nonin \(layout.name): bad frame (sync byte, STATUS bit 7 or checksum); resynchronising"))
            case let .frame(frame, skipped):
                packets.add(layout.parse(frame), afterSkipping: skipped, frameLength: layout.frameLength, nowUnixMs: nowUnixMs, into: &batch)
            }
        }
        return batch
    }
}
