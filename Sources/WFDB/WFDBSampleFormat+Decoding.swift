extension WFDBSampleFormat {
    /// Decodes stored samples `[first, end)` from `bytes`, which start at `byteRange(samples:).lowerBound`.
    /// Samples equal to `invalidStoredValue` become `WFDBSamples.invalid`.
    func decode(_ bytes: [UInt8], samples first: Int, _ end: Int) -> [Int32] {
        var output = [Int32]()
        output.reserveCapacity(end - first)
        let base = byteRange(samples: first, end).lowerBound
        for index in first..<end {
            let value = stored(bytes, index: index, base: base)
            output.append(value == invalidStoredValue ? WFDBSamples.invalid : value)
        }
        return output
    }

    private func stored(_ bytes: [UInt8], index: Int, base: Int) -> Int32 {
        switch self {
        case .offsetBinary8:
            return Int32(bytes[index - base]) - 128
        case .littleEndian16:
            return Int32(Int16(bitPattern: UInt16(bytes[2 * index - base]) | UInt16(bytes[2 * index - base + 1]) << 8))
        case .bigEndian16:
            return Int32(Int16(bitPattern: UInt16(bytes[2 * index - base]) << 8 | UInt16(bytes[2 * index - base + 1])))
        case .offsetBinary16:
            return Int32(UInt16(bytes[2 * index - base]) | UInt16(bytes[2 * index - base + 1]) << 8) - 32768
        case .packed212:
            return Self.unpack212(bytes, index: index, base: base)
        }
    }

    /// Even samples take byte 0 and the low nibble of byte 1; odd samples byte 2 and the high nibble.
    private static func unpack212(_ bytes: [UInt8], index: Int, base: Int) -> Int32 {
        let pair = index / 2 * 3 - base
        let twelveBits = index % 2 == 0
            ? Int32(bytes[pair]) | Int32(bytes[pair + 1] & 0x0F) << 8
            : Int32(bytes[pair + 2]) | Int32(bytes[pair + 1] & 0xF0) << 4
        // Sign-extend from 12 bits.
        return (twelveBits << 20) >> 20
    }
}
