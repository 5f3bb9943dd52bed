/// Why `Sealer` refused to seal a batch.
public enum SealError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The header names another gateway than the sealer's key belongs to; the platform would look up
    /// the wrong sender key (or none) and reject the batch, so it is refused here, where it is a bug.
    case gatewayMismatch(header: String, sealer: String)

    public var description: String {
        switch self {
        case let .gatewayMismatch(header, sealer):
            "batch header names gateway \"\(header)\" but the sealer is gateway \"\(sealer)\""
        }
    }
}
