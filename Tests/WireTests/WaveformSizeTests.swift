import Foundation
import GatewayModel
import Testing
@testable import Wire

/// Prediction and Rice codes are what make waveforms cheap; this holds the design's "about half a
/// byte per ECG sample" to account on a realistic signal.
@Suite struct WaveformSizeTests {
    /// A synthetic lead-II ECG as a 12-bit front end delivers it: 500 Hz, 2.5 µV per count
    /// (400 counts/mV) around the ADC midpoint 2048, 75 beats/min, P-QRS-T waves as Gaussians,
    /// slow baseline wander and a few counts of noise.
    static func syntheticECG(seconds: Int, rate: Int = 500) -> [Int32] {
        let waves: [(center: Double, width: Double, mV: Double)] = [
            (0.20, 0.025, 0.15),   // P
            (0.33, 0.008, -0.10),  // Q
            (0.35, 0.010, 1.20),   // R
            (0.37, 0.008, -0.25),  // S
            (0.60, 0.040, 0.30),   // T
        ]
        let beat = 0.8
        var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(seconds * rate)).map { i in
            let t = Double(i) / Double(rate)
            let phase = t.truncatingRemainder(dividingBy: beat)
            var mV = 0.05 * sin(2 * .pi * 0.25 * t)  // breathing-rate baseline wander
            for wave in waves {
                let z = (phase - wave.center) / wave.width
                mV += wave.mV * exp(-0.5 * z * z)
            }
            noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let jitter = Double(Int(noise >> 61)) - 3.5  // -3.5 ... 3.5 counts
            return Int32((2048 + mV * 400 + jitter).rounded())
        }
    }

    static func batch(of samples: [Int32]) -> BatchContent {
        BatchContent(
            devices: [DeviceInfo(id: "bed12-ecg", profile: "ecg-monitor", patient: "p-7f3a", bed: "12")],
            waveforms: [
                WaveformChunk(
                    device: "bed12-ecg", channel: Fixtures.ecg, startUnixNs: Fixtures.t0 * 1_000_000,
                    periodNs: 2_000_000, scale: 0.0025, offset: -5.12, samples: samples)
            ])
    }

    @Test func regularECGIsAboutHalfABytePerSample() throws {
        for seconds in [1, 10] {
            let samples = Self.syntheticECG(seconds: seconds)
            let content = Self.batch(of: samples)
            let encoded = BatchCodec.encode(content)
            #expect(try BatchCodec.decode(encoded) == content)

            let perSample = Double(encoded.count) / Double(samples.count)
            let packed = try Self.fieldBytes { $0.setPackedSamples(samples) } / Double(samples.count)
            let deltas = try Self.fieldBytes { $0.samples = SampleDeltas.encode(samples) } / Double(samples.count)
            let undifferenced = try Self.fieldBytes { $0.samples = samples } / Double(samples.count)
            print(
                "ECG \(seconds) s, \(samples.count) samples: whole batch \(encoded.count) bytes = "
                    + String(format: "%.3f", perSample) + " B/sample; packed samples "
                    + String(format: "%.3f", packed) + " B/sample; older sint32 differences "
                    + String(format: "%.3f", deltas) + " B/sample; without differences "
                    + String(format: "%.3f", undifferenced) + " B/sample")
            #expect(perSample < 0.8)  // the 1 s batch carries ~100 bytes of tables and times for 500 samples
            // Packing halves what first differences as varints take, which halve the raw values.
            #expect(packed < 0.6 && deltas > 1.0 && undifferenced > 1.9)
        }
    }

    /// The serialized size of a `WaveformChunk` message that `fill` sets the samples of.
    static func fieldBytes(_ fill: (inout Vitalgate_V1_WaveformChunk) -> Void) throws -> Double {
        var message = Vitalgate_V1_WaveformChunk()
        fill(&message)
        return Double((try message.serializedBytes() as Data).count)
    }
}
