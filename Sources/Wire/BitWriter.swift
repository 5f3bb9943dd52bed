/// Appends bit fields to a byte array least significant bit first (bit 0 of byte 0 is the first
/// bit written), the order `packed_samples` uses.
struct BitWriter {
    /// The widest field `write` takes: with fewer than 8 bits pending, 56 more still fit in 64.
    static let maxFieldWidth = 56

    private var bytes: [UInt8] = []
    /// Bits written but not yet appended to `bytes`; fewer than 8 between calls.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(reservingBytes capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes the low `width` bits of `value` (the bits above them must be zero).
    mutating func write(_ value: UInt64, width: Int) {
        assert(width <= Self.maxFieldWidth && (width == 64 || value >> width == 0))
        pending |= value << pendingCount
        pendingCount += width
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Writes `count` zero bits, however many.
    mutating func writeZeros(_ count: Int) {
        var left = count
        while left > 0 {
            let width = min(left, Self.maxFieldWidth)
            write(0, width: width)
            left -= width
        }
    }

    /// The bytes written, the last one padded with zero bits.
    consuming func finish() -> [UInt8] {
        if pendingCount > 0 { bytes.append(UInt8(truncatingIfNeeded: pending)) }
        return bytes
    }
}
