import Crypto
import Foundation
import Testing

/// RFC 9180 appendix A.1.1 (mode base, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM),
/// first encryption: shows that swift-crypto's HPKE, and the way this package calls it
/// (Recipient, encapsulated key, info, open with AAD), agree with the standard.
@Suite struct HPKETestVectorTests {
    @Test func rfc9180A11Opens() throws {
        let skRm = Fixtures.hex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8")
        let enc = Fixtures.hex("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431")
        let info = Fixtures.hex("4f6465206f6e2061204772656369616e2055726e")
        let aad = Fixtures.hex("436f756e742d30")
        let ct = Fixtures.hex(
            "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a")
        let pt = Fixtures.hex("4265617574792069732074727574682c20747275746820626561757479")

        let suite = HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_128)
        var recipient = try HPKE.Recipient(
            privateKey: try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: skRm),
            ciphersuite: suite, info: info, encapsulatedKey: enc)
        #expect(try recipient.open(ct, authenticating: aad) == pt)
        #expect(String(decoding: pt, as: UTF8.self) == "Beauty is truth, truth beauty")

        // The same ciphertext with another AAD must not open: the AAD really is authenticated.
        var again = try HPKE.Recipient(
            privateKey: try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: skRm),
            ciphersuite: suite, info: info, encapsulatedKey: enc)
        #expect(throws: (any Error).self) { try again.open(ct, authenticating: Data("Count-1".utf8)) }
    }
}
