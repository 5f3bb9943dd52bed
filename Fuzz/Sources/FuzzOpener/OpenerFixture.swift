// swift-crypto declares no Sendable conformances; its keys are immutable value types, safe to share.
@preconcurrency import Crypto
import Foundation
import GatewayModel
import Wire

/// Fixed keys, not random ones: the committed seed envelope must open in every later run, so that
/// libFuzzer's mutations start from an envelope that gets all the way through HPKE.
enum OpenerFixture {
    static let gatewayID = "ward3-gw01"
    static let gatewayKey = key(0x11)
    static let platformKey = key(0x22)
    static let opener = Opener(recipientKey: platformKey, gatewayKeys: [gatewayID: gatewayKey.publicKey])
    static let header = BatchHeader(gatewayID: gatewayID, seq: 42, lane: .vital, createdUnixMs: 1_764_300_010_000)

    static let content: BatchContent = {
        let spo2 = ChannelDescriptor(name: "spo2", code: ChannelCode(mdc: 150_456, loinc: "59408-5", display: "SpO2"), unit: "%")
        let ecg = ChannelDescriptor(name: "ecg_ii", code: ChannelCode(mdc: 131_330), unit: "mV")
        let t0: Int64 = 1_764_300_000_000
        return BatchContent(
            devices: [DeviceInfo(id: "bed12", profile: "masimo-radical7", patient: "p-7f3a", bed: "12")],
            measurements: [
                Measurement(device: "bed12", channel: spo2, timeUnixMs: t0, value: 97),
                Measurement(device: "bed12", channel: spo2, timeUnixMs: t0 + 1_000, value: nil, status: [.sensorProblem], absentReason: "error"),
            ],
            waveforms: [
                WaveformChunk(device: "bed12", channel: ecg, startUnixNs: t0 * 1_000_000, periodNs: 2_000_000,
                              scale: 0.005, offset: 0, samples: [0, 12, -7, 300, 299, -32_768, 32_767]),
            ],
            events: [
                Event(id: "a1", kind: .raised, device: "bed12", channel: spo2, rule: "spo2-low", priority: .high,
                      timeUnixMs: t0 + 500, value: 84, message: "SpO2 84 % below 90 %"),
            ])
    }()

    /// Sealed afresh at start-up (a new ephemeral key each time) and checked to open.
    static let validEnvelope: Data = {
        let sealer = Sealer(gatewayID: gatewayID, gatewayKey: gatewayKey, recipientKey: platformKey.publicKey)
        let envelope: Data
        do { envelope = try sealer.seal(content, header: header) } catch { fatalError("cannot seal the seed envelope: \(error)") }
        guard let opened = try? opener.open(envelope), opened.header == header, opened.content == content else {
            fatalError("the seed envelope does not open to what was sealed")
        }
        return envelope
    }()

    private static func key(_ byte: UInt8) -> Curve25519.KeyAgreement.PrivateKey {
        do { return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Data(repeating: byte, count: 32)) } catch {
            fatalError("fixed key: \(error)")
        }
    }
}
