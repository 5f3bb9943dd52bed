/// The WFDB storage formats this reader decodes.
public enum WFDBSampleFormat: Int, Sendable, CaseIterable {
    /// 8-bit offset binary (value = byte − 128).
    case offsetBinary8 = 80
    /// 16-bit two's complement, little-endian.
    case littleEndian16 = 16
    /// 16-bit two's complement, big-endian.
    case bigEndian16 = 61
    /// 16-bit offset binary, little-endian (value = word − 32768).
    case offsetBinary16 = 160
    /// Two 12-bit two's complement samples packed into three bytes.
    case packed212 = 212

    /// The stored value that WFDB uses to mark a missing sample in this format.
    public var invalidStoredValue: Int32 {
        switch self {
        case .offsetBinary8: -128
        case .packed212: -2048
        case .littleEndian16, .bigEndian16, .offsetBinary16: -32768
        }
    }

    /// Byte range holding the stored samples `[first, end)` of a group's sample stream.
    func byteRange(samples first: Int, _ end: Int) -> Range<Int> {
        switch self {
        case .offsetBinary8: first..<end
        case .littleEndian16, .bigEndian16, .offsetBinary16: (2 * first)..<(2 * end)
        // Sample pairs share a middle byte; an odd end needs only the pair's first two bytes.
        case .packed212: (first / 2 * 3)..<(end / 2 * 3 + (end % 2 == 1 ? 2 : 0))
        }
    }

    /// Whole samples held in `byteCount` bytes of a group's sample stream.
    func sampleCount(inBytes byteCount: Int) -> Int {
        switch self {
        case .offsetBinary8: byteCount
        case .littleEndian16, .bigEndian16, .offsetBinary16: byteCount / 2
        case .packed212: byteCount / 3 * 2 + (byteCount % 3 == 2 ? 1 : 0)
        }
    }
}
