/// Why `SamplePacking.decode` rejected packed samples: they were not written by `SamplePacking.encode`.
enum SamplePackingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The claimed sample count is more than the bytes could hold (every sample takes at least a bit).
    case countExceedsData(count: Int, bytes: Int)
    /// The data ends before the claimed number of samples.
    case truncated
    /// A value does not fit in 32 bits.
    case valueTooLarge
    /// Bytes, or non-zero padding bits, follow the last sample.
    case trailingData

    var description: String {
        switch self {
        case let .countExceedsData(count, bytes): "\(count) samples claimed in \(bytes) bytes"
        case .truncated: "data ends before the last sample"
        case .valueTooLarge: "a residual exceeds 32 bits"
        case .trailingData: "data follows the last sample"
        }
    }
}
