import Crypto
import Foundation
import GatewayModel
import Testing
import WFDB
@testable import Wire

/// What MIT-BIH record 100 costs on the wire as the gateway sends it: both leads, 1 s wave-lane
/// batches (the lane's default latency), packed, sealed, in their envelopes.
@Suite struct Record100WireSizeTests {
    static let record = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestData/mitdb/100").path

    @Test func sealedBatchesOfRecord100CostLessThanOneBytePerSample() throws {
        let reader = try WFDBSignalReader(recordPath: Self.record)
        let sealer = Sealer(
            gatewayID: "ward3-gw01", gatewayKey: Curve25519.KeyAgreement.PrivateKey(),
            recipientKey: Curve25519.KeyAgreement.PrivateKey().publicKey
        )
        let device = DeviceInfo(id: "bed12-ecg", profile: "ecg-pleth-monitor", patient: "p-7f3a", bed: "12")
        var (bytes, samples, batches) = (0, 0, 0)
        var (packedBytes, deltaBytes) = (0.0, 0.0)
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
            for chunk in chunks {
                packedBytes += try WaveformSizeTests.fieldBytes { $0.setPackedSamples(chunk.samples) }
                deltaBytes += try WaveformSizeTests.fieldBytes { $0.samples = SampleDeltas.encode(chunk.samples) }
            }
            batches += 1
        }
        let perSample = Double(bytes) / Double(samples)
        print("record 100, both leads, \(batches) sealed 1 s batches: \(bytes) bytes for \(samples) samples = " + String(format: "%.3f", perSample) + " B/sample")
        print(
            "record 100 samples fields alone: packed " + String(format: "%.3f", packedBytes / Double(samples))
                + " B/sample, older sint32 differences " + String(format: "%.3f", deltaBytes / Double(samples)) + " B/sample")
        #expect(samples == 2 * 360 * (reader.frameCount / 360))
        #expect(perSample <= 1.0, "packing keeps ECG under a byte per sample, envelope and crypto included")
    }

    /// Throughput of packing and unpacking the whole record (printed, not asserted: timing varies by
    /// machine and build; run with `-c release` for meaningful figures).
    @Test func packingSpeedOnRecord100() throws {
        let reader = try WFDBSignalReader(recordPath: Self.record)
        let chunks = try (0..<(reader.frameCount / 360)).flatMap { second in
            try reader.read(frames: (second * 360)..<((second + 1) * 360)).signals.map(\.samples)
        }
        let samples = chunks.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        var packed: [PackedSamples] = []
        packed.reserveCapacity(chunks.count)
        let encoding = clock.measure { packed = chunks.map(SamplePacking.encode) }
        var decoded: [[Int32]] = []
        decoded.reserveCapacity(chunks.count)
        let decoding = try clock.measure {
            decoded = try packed.map { try SamplePacking.decode($0.bytes, count: $0.count, predictor: $0.predictor) }
        }
        #expect(decoded == chunks)
        func rate(_ duration: Duration) -> String {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            return String(format: "%.1f", Double(samples) / seconds / 1e6) + " M samples/s"
        }
        print("record 100, \(samples) samples in 360-sample chunks: encode (both predictors) \(rate(encoding)), decode \(rate(decoding))")
    }
}
