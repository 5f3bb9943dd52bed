/// Zigzag mapping of signed residuals to unsigned codes (0, −1, 1, −2, ... → 0, 1, 2, 3, ...), as
/// protobuf's `sint32`: small magnitudes of either sign become small numbers, which Rice codes need.
enum Zigzag {
    static func encode(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value &<< 1) ^ (value >> 31))
    }

    static func decode(_ code: UInt32) -> Int32 {
        Int32(bitPattern: (code >> 1) ^ (0 &- (code & 1)))
    }
}
