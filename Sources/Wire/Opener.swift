// swift-crypto declares no Sendable conformances; its keys are immutable value types, safe to share.
@preconcurrency import Crypto
import Foundation
import GatewayModel

/// Opens envelopes on the platform: checks the header, authenticates the sending gateway, decrypts
/// and decodes the batch.
public struct Opener: Sendable {
    private let recipientKey: Curve25519.KeyAgreement.PrivateKey
    private let gatewayKeys: [String: Curve25519.KeyAgreement.PublicKey]

    /// - Parameters:
    ///   - recipientKey: the platform's private key.
    ///   - gatewayKeys: each gateway's public key by gateway id; a batch opens only when sealed with
    ///     the key registered for the id in its envelope.
    public init(
        recipientKey: Curve25519.KeyAgreement.PrivateKey,
        gatewayKeys: [String: Curve25519.KeyAgreement.PublicKey]
    ) {
        self.recipientKey = recipientKey
        self.gatewayKeys = gatewayKeys
    }

    /// Authenticates and decrypts one serialized `Envelope`.
    public func open(_ envelope: Data) throws(OpenError) -> OpenedBatch {
        let message = try Vitalgate_V1_Envelope.parse(envelope)
        let header = try message.header()
        guard message.suite == WireSuite.name else { throw .unsupportedSuite(message.suite) }
        guard let senderKey = gatewayKeys[header.gatewayID] else {
            throw .unknownGateway(header.gatewayID)
        }
        // Checked here so that a truncated enc reads as malformed, not as a failed authentication.
        guard message.enc.count == Self.encapsulatedKeyCount else {
            throw .malformedEnvelope("enc is \(message.enc.count) bytes, expected \(Self.encapsulatedKeyCount)")
        }
        let aad: Data
        do {
            aad = try message.authenticatedData()
        } catch {
            throw .malformedEnvelope("cannot re-serialize the header (\(error))")
        }
        let plaintext: Data
        do {
            var recipient = try HPKE.Recipient(
                privateKey: recipientKey, ciphersuite: WireSuite.ciphersuite,
                info: WireSuite.info(gatewayID: header.gatewayID), encapsulatedKey: message.enc,
                authenticatedBy: senderKey)
            plaintext = try recipient.open(message.ciphertext, authenticating: aad)
        } catch {
            // All HPKE failures look alike on purpose (see OpenError.authenticationFailed).
            throw .authenticationFailed
        }
        return OpenedBatch(header: header, content: try BatchCodec.decode(plaintext))
    }

    /// The clear-text header of an envelope, unauthenticated: for routing and logging before (or
    /// without) opening it. Never act on it as if it were verified; `open` verifies it.
    public func header(of envelope: Data) throws(OpenError) -> BatchHeader {
        try Vitalgate_V1_Envelope.parse(envelope).header()
    }

    /// Length of an X25519 encapsulated key (RFC 9180 §7.1: Nenc = 32).
    static let encapsulatedKeyCount = 32
}
