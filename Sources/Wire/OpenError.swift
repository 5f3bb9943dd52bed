/// Why `Opener` could not open an envelope; each case needs a different response from an operator.
public enum OpenError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes are not a well-formed version-1 `Envelope` (not protobuf, missing lane, bad `enc`, ...).
    case malformedEnvelope(String)
    /// `Envelope.version` is not 1: a newer (or broken) gateway.
    case unsupportedVersion(UInt32)
    /// `Envelope.suite` is not `WireSuite.name`.
    case unsupportedSuite(String)
    /// No public key is registered for `Envelope.gateway_id`.
    case unknownGateway(String)
    /// HPKE refused: tampered header or ciphertext, wrong gateway key, or sealed for another recipient.
    /// Deliberately one case: telling these apart would tell an attacker which guess was closer.
    case authenticationFailed
    /// It authenticated, but the plaintext is not a valid `Batch` (a bug in the sender, not an attack).
    case malformedBatch(String)

    public var description: String {
        switch self {
        case let .malformedEnvelope(why): "malformed envelope: \(why)"
        case let .unsupportedVersion(version): "unsupported wire format version \(version) (this receiver reads version \(WireSuite.version))"
        case let .unsupportedSuite(suite): "unsupported HPKE suite \"\(suite)\" (this receiver reads \"\(WireSuite.name)\")"
        case let .unknownGateway(id): "no public key registered for gateway \"\(id)\""
        case .authenticationFailed: "authentication failed: the batch was altered, or not sealed by the registered gateway key for this recipient"
        case let .malformedBatch(why): "malformed batch: \(why)"
        }
    }
}
