/// The fuzz input as a target reads it: the first bytes pick a variant (format, characteristic, split
/// point), the rest is the payload. Picking by byte keeps one corpus per target while covering every
/// variant, and lets libFuzzer switch variants by mutating a single byte.
public struct FuzzInput {
    public let bytes: [UInt8]
    private var position = 0

    public init(_ start: UnsafeRawPointer, _ count: Int) {
        bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The next byte, or 0 when the input is used up (an empty input still runs the default variant).
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next byte reduced to `0..<count`.
    public mutating func pick(_ count: Int) -> Int { Int(byte()) % count }

    /// Everything not yet read.
    public var rest: [UInt8] { Array(bytes[min(position, bytes.count)...]) }
}
