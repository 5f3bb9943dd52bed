import Crypto
import Foundation
import GatewayModel
import Testing
import WFDB
@testable import Wire

/// What MIT-BIH record 100 costs on the wire as the gateway sends it: both leads, 1 s wave-lane
/// batches (the lane's default latency), delta-coded, sealed, in their envelopes.
@Suite struct Record100WireSizeTests {
    static let record = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestData/mitdb/100").path

    @Test func sealedBatchesOfRecord100CostAboutOneBytePerSample() throws {
        let reader = try WFDBSignalReader(recordPath: Self.record)
        let sealer = Sealer(
            gatewayID: "ward3-gw01", gatewayKey: Curve25519.KeyAgreement.PrivateKey(),
            recipientKey: Curve25519.KeyAgreement.PrivateKey().publicKey
        )
        let device = DeviceInfo(id: "bed12-ecg", profile: "ecg-pleth-monitor", patient: "p-7f3a", bed: "12")
        var (bytes, samples, batches) = (0, 0, 0)
        for second in 0..<(reader.frameCount / 360) {
            let block = try reader.read(frames: (second * 360)..<((second + 1) * 360))
            let chunks = block.signals.map { signal in
                WaveformChunk(
                    device: device.id, channel: ChannelDescriptor(name: signal.label, code: ChannelCode(mdc: 131330), unit: "mV"),
                    startUnixNs: (Fixtures.t0 + Int64(second) * 1000) * 1_000_000, periodNs: 2_777_778,
                    scale: 1 / signal.adcGain, offset: -Double(signal.baseline) / signal.adcGain, samples: signal.samples
                )
            }
            let content = BatchContent(devices: [device], waveforms: chunks)
            let sealed = try sealer.seal(content, header: Fixtures.header(gatewayID: "ward3-gw01", seq: UInt64(second), lane: .wave))
            bytes += sealed.count
            samples += chunks.reduce(0) { $0 + $1.samples.count }
            batches += 1
        }
        let perSample = Double(bytes) / Double(samples)
        print("record 100, both leads, \(batches) sealed 1 s batches: \(bytes) bytes for \(samples) samples = " + String(format: "%.3f", perSample) + " B/sample")
        #expect(samples == 2 * 360 * (reader.frameCount / 360))
        #expect(perSample < 1.5, "delta coding keeps ECG near a byte per sample, envelope and crypto included")
    }
}
