// swift-crypto declares no Sendable conformances; its keys are immutable value types, safe to share.
@preconcurrency import Crypto
import Foundation
import GatewayModel

/// Seals batches on the gateway: HPKE mode auth from the gateway's key to the platform's key.
///
/// Each call runs its own HPKE context (fresh ephemeral key, one message), so batches are
/// independent: a lost, reordered or evicted batch never affects whether another one opens.
public struct Sealer: Sendable {
    public let gatewayID: String
    private let gatewayKey: Curve25519.KeyAgreement.PrivateKey
    private let recipientKey: Curve25519.KeyAgreement.PublicKey

    public init(
        gatewayID: String, gatewayKey: Curve25519.KeyAgreement.PrivateKey,
        recipientKey: Curve25519.KeyAgreement.PublicKey
    ) {
        self.gatewayID = gatewayID
        self.gatewayKey = gatewayKey
        self.recipientKey = recipientKey
    }

    /// Encodes `content` with `BatchCodec` and seals it; returns the serialized `Envelope`.
    public func seal(_ content: BatchContent, header: BatchHeader) throws -> Data {
        try seal(plaintext: BatchCodec.encode(content), header: header)
    }

    /// Seals already encoded plaintext; returns the serialized `Envelope`.
    /// Throws `SealError.gatewayMismatch` when `header.gatewayID` is not this sealer's id.
    public func seal(plaintext: Data, header: BatchHeader) throws -> Data {
        guard header.gatewayID == gatewayID else {
            throw SealError.gatewayMismatch(header: header.gatewayID, sealer: gatewayID)
        }
        var sender = try HPKE.Sender(
            recipientKey: recipientKey, ciphersuite: WireSuite.ciphersuite,
            info: WireSuite.info(gatewayID: gatewayID), authenticatedBy: gatewayKey)
        var envelope = Vitalgate_V1_Envelope(header: header, enc: sender.encapsulatedKey)
        // The AAD is the envelope as it will be sent, minus the ciphertext that does not exist yet;
        // ciphertext is the last field, so the result is these bytes followed by field 8.
        let aad = try envelope.authenticatedData()
        envelope.ciphertext = try sender.seal(plaintext, authenticating: aad)
        return try envelope.serializedBytes()
    }
}
