import Foundation
import LocalLab
import GatewayModel
import Testing
@testable import Wire

/// `SamplePacking` is lossless for any `Int32` sequence and rejects, never trips over, bytes it did
/// not write; `BatchCodec` still reads the older `samples` form.
@Suite struct SamplePackingTests {
    /// Sequences of many shapes and lengths, including ones that overflow the predictors.
    static func shapes(length n: Int, using random: inout SplitMix64) -> [(String, [Int32])] {
        let noise = { (amplitude: Int32, random: inout SplitMix64) in
            (0..<n).map { _ in Int32.random(in: -amplitude...amplitude, using: &random) }
        }
        return [
            ("constant", Array(repeating: 1024, count: n)),
            ("zeros", Array(repeating: 0, count: n)),
            ("ramp up", (0..<n).map { Int32($0) * 7 - 300 }),
            ("ramp down", (0..<n).map { 5000 - Int32($0) * 13 }),
            ("sine", (0..<n).map { Int32((2000 * sin(Double($0) / 20)).rounded()) }),
            ("noise ±1", noise(1, &random)),
            ("noise ±8", noise(8, &random)),
            ("noise ±1000", noise(1000, &random)),
            ("noise ±2^20", noise(1 << 20, &random)),
            ("full range", noise(.max, &random).map { $0 &- Int32(random.next() & 1) }),
            ("min", Array(repeating: .min, count: n)),
            ("max", Array(repeating: .max, count: n)),
            ("min/max alternating", (0..<n).map { $0 % 2 == 0 ? .min : .max }),
            ("wrapping ramp", (0..<n).map { Int32.max &- 5 &+ Int32(truncatingIfNeeded: $0) &* 1_000_000_007 }),
            ("spikes", (0..<n).map { $0 % 37 == 5 ? 30_000 : Int32($0 % 3) }),
        ]
    }

    static let lengths = [0, 1, 2, 3, 4, 31, 32, 33, 34, 63, 64, 65, 97, 360, 1001]

    @Test func roundTripsEveryShapeWithEitherPredictor() throws {
        var random = SplitMix64(seed: 1)
        for length in Self.lengths {
            for (name, samples) in Self.shapes(length: length, using: &random) {
                for predictor in SamplePredictor.allCases {
                    let bytes = SamplePacking.encode(samples, predictor: predictor)
                    let decoded = try SamplePacking.decode(bytes, count: samples.count, predictor: predictor)
                    #expect(decoded == samples, "\(name), \(length) samples, \(predictor)")
                }
                let packed = SamplePacking.encode(samples)
                #expect(try SamplePacking.decode(packed.bytes, count: packed.count, predictor: packed.predictor) == samples)
                // The automatic choice is never worse than either predictor.
                for predictor in SamplePredictor.allCases {
                    #expect(packed.bytes.count <= SamplePacking.encode(samples, predictor: predictor).count)
                }
            }
        }
    }

    @Test func roundTripsSeededRandomWalks() throws {
        var random = SplitMix64(seed: 2)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...400, using: &random)
            // Steps up to ±2^32 wrap around, as a predictor's arithmetic must.
            let step = Int64(1) << Int.random(in: 0...32, using: &random)
            var value = Int32(truncatingIfNeeded: random.next())
            let samples = (0..<length).map { _ in
                value = value &+ Int32(truncatingIfNeeded: Int64.random(in: -step...step, using: &random))
                return value
            }
            let packed = SamplePacking.encode(samples)
            #expect(try SamplePacking.decode(packed.bytes, count: packed.count, predictor: packed.predictor) == samples)
        }
    }

    @Test func zigzagAndRiceParameterAreExact() {
        for value: Int32 in [0, -1, 1, -2, 2, .min, .max, .min + 1, .max - 1] {
            #expect(Zigzag.decode(Zigzag.encode(value)) == value)
        }
        #expect(Zigzag.encode(.max) == UInt32.max - 1 && Zigzag.encode(.min) == .max)
        // The downhill walk finds the same minimum as trying every parameter.
        var random = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let width = UInt32.random(in: 0...32, using: &random)
            let codes = (0..<Int.random(in: 1...32, using: &random)).map { _ in
                UInt32(truncatingIfNeeded: random.next()) >> (32 - width)
            }[...]
            let best = (0...31).map { SamplePacking.riceSize(of: codes, parameter: $0) }.min()
            let coding = SamplePacking.riceCoding(for: codes)
            #expect(coding.size == best)
            #expect(SamplePacking.riceSize(of: codes, parameter: coding.parameter) == coding.size)
        }
    }

    @Test func rejectsMalformedPacking() throws {
        let samples: [Int32] = (0..<100).map { Int32($0 * $0 % 41) - 20 }
        let bytes = SamplePacking.encode(samples, predictor: .firstOrder)
        let decode = { (bytes: [UInt8], count: Int) in try SamplePacking.decode(bytes, count: count, predictor: .firstOrder) }

        #expect(throws: SamplePackingError.truncated) { try decode(Array(bytes.dropLast()), 100) }
        #expect(throws: SamplePackingError.truncated) { try decode(bytes, 101) }
        #expect(throws: SamplePackingError.trailingData) { try decode(bytes, 99) }
        #expect(throws: SamplePackingError.trailingData) { try decode(bytes + [0], 100) }
        #expect(throws: SamplePackingError.trailingData) { try decode(bytes, 0) }
        #expect(throws: SamplePackingError.countExceedsData(count: Int(UInt32.max), bytes: bytes.count)) {
            try decode(bytes, Int(UInt32.max))
        }
        #expect(throws: SamplePackingError.countExceedsData(count: 1, bytes: 0)) { try decode([], 1) }
        #expect(throws: SamplePackingError.countExceedsData(count: -1, bytes: 0)) { try decode([], -1) }
        // Non-zero padding bits after the last value.
        let one = SamplePacking.encode([0], predictor: .firstOrder)
        #expect(one == [0b0010_0000])  // k = 0 (5 bits), then z = 0 as its terminating one bit
        #expect(throws: SamplePackingError.trailingData) { try decode([0b1010_0000], 1) }
        // With k = 31 a quotient over 1 would make a value of 33 bits.
        var writer = BitWriter(reservingBytes: 8)
        writer.write(31, width: 5)
        writer.write(0b100, width: 3)  // q = 2
        writer.write(0, width: 31)
        #expect(throws: SamplePackingError.valueTooLarge) { try decode(writer.finish(), 1) }
        // A long zero run with k = 0 runs out of data rather than looping or trapping.
        #expect(throws: SamplePackingError.truncated) { try decode([UInt8](repeating: 0, count: 4096), 1) }
    }

    /// Random bytes, counts and bit flips of valid data: each either decodes to `count` samples or throws.
    @Test func survivesFuzzedInput() {
        var random = SplitMix64(seed: 4)
        let valid = SamplePacking.encode(Self.shapes(length: 360, using: &random)[4].1)
        var decodedAny = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            var count: Int
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                count = [Int.random(in: 0...600, using: &random), Int(UInt32.max), bytes.count * 8][round / 2 % 3]
            } else {
                bytes = valid.bytes
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
                }
                count = valid.count + Int.random(in: -2...2, using: &random)
            }
            let predictor = SamplePredictor.allCases.randomElement(using: &random)!
            if let samples = try? SamplePacking.decode(bytes, count: count, predictor: predictor) {
                #expect(samples.count == count)
                decodedAny += 1
            }
        }
        #expect(decodedAny > 0, "some flipped bits still make valid (different) data")
    }

    @Test func batchCodecSendsPackedSamples() throws {
        let content = WaveformSizeTests.batch(of: WaveformSizeTests.syntheticECG(seconds: 1))
        let batch = try Vitalgate_V1_Batch(serializedBytes: BatchCodec.encode(content))
        #expect(batch.waveforms[0].samples.isEmpty && batch.waveforms[0].sampleCount == 500)
        #expect(try BatchCodec.decode(try batch.serializedBytes()) == content)
    }

    @Test func batchCodecStillReadsTheOlderSamplesForm() throws {
        let content = WaveformSizeTests.batch(of: WaveformSizeTests.syntheticECG(seconds: 1))
        var batch = try Vitalgate_V1_Batch(serializedBytes: BatchCodec.encode(content))
        batch.waveforms[0].packedSamples = Data()
        batch.waveforms[0].sampleCount = 0
        batch.waveforms[0].predictor = .firstOrder
        batch.waveforms[0].samples = SampleDeltas.encode(content.waveforms[0].samples)
        #expect(try BatchCodec.decode(try batch.serializedBytes()) == content)
    }

    @Test func batchCodecRejectsMalformedPackedSamples() throws {
        let content = WaveformSizeTests.batch(of: [1, 2, 3, 5, 8, 13])
        let good = try Vitalgate_V1_Batch(serializedBytes: BatchCodec.encode(content))
        let cases: [(String, (inout Vitalgate_V1_WaveformChunk) -> Void)] = [
            ("waveform 0 has malformed packed_samples: data ends before the last sample", { $0.sampleCount += 1 }),
            ("waveform 0 has malformed packed_samples: 7 samples claimed in 0 bytes", { $0.packedSamples = Data(); $0.sampleCount = 7 }),
            ("waveform 0 has malformed packed_samples: data follows the last sample", { $0.sampleCount = 0 }),
            ("waveform 0 has both samples and packed_samples", { $0.samples = [1] }),
            ("waveform 0 has unknown predictor 7", { $0.predictor = .UNRECOGNIZED(7) }),
        ]
        for (message, damage) in cases {
            var batch = good
            damage(&batch.waveforms[0])
            #expect(throws: OpenError.malformedBatch(message)) { try BatchCodec.decode(try batch.serializedBytes()) }
        }
    }
}
