import Crypto
import Foundation

/// The wire format version and HPKE suite VitalGate speaks, and how the HPKE info is formed.
public enum WireSuite {
    /// `Envelope.version` written by `Sealer` and the only one `Opener` accepts.
    public static let version: UInt32 = 1

    /// `Envelope.suite`: names KEM / KDF / AEAD so that a receiver can refuse a suite it does not know
    /// instead of failing authentication with a misleading error.
    public static let name = "X25519-HKDF-SHA256/HKDF-SHA256/ChaCha20-Poly1305"

    /// Prefix of the HPKE `info`; the gateway id follows it, so a context is bound to one gateway.
    public static let infoPrefix = "vitalgate/v1 "

    /// The suite `name` stands for. Computed rather than stored because swift-crypto's
    /// `HPKE.Ciphersuite` is not `Sendable`, which Swift 6 requires of a static stored property.
    static var ciphersuite: HPKE.Ciphersuite { .Curve25519_SHA256_ChachaPoly }

    /// The HPKE `info` for a gateway: UTF-8 of `"vitalgate/v1 " + gatewayID`.
    static func info(gatewayID: String) -> Data { Data((infoPrefix + gatewayID).utf8) }
}
