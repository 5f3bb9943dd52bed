/// Reads bit fields least significant bit first, the inverse of `BitWriter`; reading past the end
/// throws instead of trapping, since the bytes come from the network.
struct BitReader {
    private let bytes: [UInt8]
    /// The next byte to load into `buffer`.
    private var nextByte = 0
    /// Loaded, unread bits, the next one in bit 0; the bits above `bufferCount` are zero.
    private var buffer: UInt64 = 0
    private var bufferCount = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads a `width`-bit field, `width` ≤ 32.
    mutating func read(width: Int) throws(SamplePackingError) -> UInt64 {
        refill()
        guard bufferCount >= width else { throw .truncated }
        let value = buffer & ((1 << width) - 1)
        consume(width)
        return value
    }

    /// Counts zero bits up to the next one bit and skips them and it (a unary number); throws when
    /// the count would exceed `limit`, without reading further.
    mutating func readUnary(limit: UInt64) throws(SamplePackingError) -> UInt64 {
        var count: UInt64 = 0
        while true {
            refill()
            guard bufferCount > 0 else { throw .truncated }
            let zeros = buffer.trailingZeroBitCount
            if zeros < bufferCount {
                count += UInt64(zeros)
                guard count <= limit else { throw .valueTooLarge }
                consume(zeros + 1)
                return count
            }
            count += UInt64(bufferCount)
            guard count <= limit else { throw .valueTooLarge }
            consume(bufferCount)
        }
    }

    /// True when only zero padding, less than a byte of it, is left.
    var isAtPaddedEnd: Bool {
        nextByte == bytes.count && bufferCount < 8 && buffer == 0
    }

    private mutating func refill() {
        while bufferCount <= 56 && nextByte < bytes.count {
            buffer |= UInt64(bytes[nextByte]) << bufferCount
            nextByte += 1
            bufferCount += 8
        }
    }

    private mutating func consume(_ count: Int) {
        // `>>` by 64 (a full buffer) gives 0 in Swift rather than being undefined.
        buffer >>= count
        bufferCount -= count
    }
}
