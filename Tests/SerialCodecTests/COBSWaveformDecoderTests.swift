import DeviceCodecs
import LocalLab
import Testing

@Suite struct COBSAndCRCTests {
    @Test func crcCheckValue() {
        #expect(CRC16CCITTFalse.checksum(Array("123456789".utf8)) == 0x29B1)
        #expect(CRC16CCITTFalse.checksum([UInt8]()) == 0xFFFF)
    }

    /// The examples of the COBS literature (Cheshire & Baker; Wikipedia's table).
    @Test(arguments: [
        ([0x00], [0x01, 0x01]),
        ([0x00, 0x00], [0x01, 0x01, 0x01]),
        ([0x00, 0x11, 0x00], [0x01, 0x02, 0x11, 0x01]),
        ([0x11, 0x22, 0x00, 0x33], [0x03, 0x11, 0x22, 0x02, 0x33]),
        ([0x11, 0x22, 0x33, 0x44], [0x05, 0x11, 0x22, 0x33, 0x44]),
        ([0x11, 0x00, 0x00, 0x00], [0x02, 0x11, 0x01, 0x01, 0x01]),
        (Array(1...254), [0xFF] + Array(1...254)),
        (Array(0...254), [0x01, 0xFF] + Array(1...254)),
        (Array(1...255), [0xFF] + Array(1...254) + [0x02, 0xFF]),
        (Array(2...255) + [0x00], [0xFF] + Array(2...255) + [0x01, 0x01]),
        (Array(3...255) + [0x00, 0x01], [0xFE] + Array(3...255) + [0x02, 0x01]),
    ] as [([UInt8], [UInt8])])
    func cobsReferenceVectors(_ plain: [UInt8], _ encoded: [UInt8]) {
        #expect(COBS.encode(plain) == encoded)
        #expect(COBS.decode(encoded) == plain)
    }

    @Test func cobsRoundTrip() {
        var generator = SplitMix64(seed: 11)
        for length in [0, 1, 2, 253, 254, 255, 256, 507, 508, 509, 1000, 3000] {
            for zeroRate in [0, 1, 50, 255] {
                let plain = generator.bytes(length).map { byte in Int(byte) < zeroRate ? 0 : byte }
                let encoded = COBS.encode(plain)
                #expect(!encoded.contains(0))
                #expect(encoded.count <= plain.count + plain.count / 254 + 1)
                #expect(COBS.decode(encoded) == plain, "length \(length), zero rate \(zeroRate)")
            }
        }
    }

    @Test func cobsRejectsInvalidEncodings() {
        #expect(COBS.decode([0x05, 0x11, 0x22]) == nil)  // block runs past the end
        #expect(COBS.decode([0x03, 0x11, 0x00]) == nil)  // a zero inside
        #expect(COBS.decode([0x00]) == nil)
    }
}

@Suite struct COBSWaveformDecoderTests {
    let now: Int64 = 1_732_838_400_000
    let periodNs: Int64 = 4_000_000  // 250 Hz

    func interleaved(_ sets: [[Int32]]) -> [Int32] { sets.flatMap { $0 } }

    @Test func int16FramesGiveOneWaveformPerChannel() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["ecg1", "ecg2", "resp"], sampleRateHz: 250)
        let first = WaveformFrameEncoder.frame(sequence: 10, samples: [1, -1, 0, 2, -2, 32767, 3, -32768, 0], format: .int16)
        let second = WaveformFrameEncoder.frame(sequence: 11, samples: [4, -4, 0, 5, -5, 0, 6, -6, 0], format: .int16)
        let batch = Feed.whole(decoder, first + second, now: now)
        #expect(batch.errors.isEmpty && batch.frames == 2 && batch.lostFrames == 0)
        #expect(batch.values.isEmpty && batch.conditions.isEmpty)
        #expect(batch.waveforms.map(\.name) == ["ecg1", "ecg2", "resp", "ecg1", "ecg2", "resp"])
        #expect(batch.waveforms.map(\.samples) == [[1, 2, 3], [-1, -2, -32768], [0, 32767, 0], [4, 5, 6], [-4, -5, -6], [0, 0, 0]])
        let start = now * 1_000_000
        #expect(batch.waveforms.map(\.startUnixNs) == [start, start, start, start + 3 * periodNs, start + 3 * periodNs, start + 3 * periodNs])
        #expect(batch.waveforms.allSatisfy { $0.periodNs == periodNs })
    }

    @Test func int24SamplesAreSignExtended() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int24, channels: ["ppg"], sampleRateHz: 100)
        let samples: [Int32] = [0, 1, -1, 8_388_607, -8_388_608, 0x12_3456, -0x12_3456]
        let batch = Feed.whole(decoder, WaveformFrameEncoder.frame(sequence: 0, samples: samples, format: .int24), now: now)
        #expect(batch.waveforms.map(\.samples) == [samples])
        #expect(batch.waveforms.map(\.periodNs) == [10_000_000])
    }

    @Test func sequenceGapsCountLostFramesAndKeepTimes() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["ecg"], sampleRateHz: 250)
        let samples: [Int32] = Array(repeating: 7, count: 10)
        let stream = [65_533, 65_534, 1, 2, 5].flatMap { WaveformFrameEncoder.frame(sequence: UInt16($0), samples: samples, format: .int16) }
        let batch = Feed.whole(decoder, stream, now: now)
        // Missing: 65535, 0 (across the wrap), 3 and 4.
        #expect(batch.lostFrames == 4)
        let start = now * 1_000_000
        #expect(batch.waveforms.map(\.startUnixNs) == [0, 1, 4, 5, 8].map { start + $0 * 10 * periodNs })
    }

    @Test func badCRCIsAnErrorAndCountsAsLost() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["a", "b"], sampleRateHz: 250)
        let samples: [Int32] = [1, 2, 3, 4]
        let stream = WaveformFrameEncoder.frame(sequence: 0, samples: samples, format: .int16)
            + WaveformFrameEncoder.frame(sequence: 1, samples: samples, format: .int16, crcError: 0x0100)
            + WaveformFrameEncoder.frame(sequence: 2, samples: samples, format: .int16)
        let batch = Feed.whole(decoder, stream, now: now)
        #expect(batch.errors.count == 1 && batch.frames == 3 && batch.lostFrames == 1)
        #expect(batch.waveforms.count == 4)
        #expect(batch.waveforms.last?.startUnixNs == now * 1_000_000 + 4 * periodNs)
    }

    @Test func malformedFramesAreErrors() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int24, channels: ["a", "b"], sampleRateHz: 250, maxFrameBytes: 100)
        let good = WaveformFrameEncoder.frame(sequence: 3, samples: [1, 2], format: .int24)
        let oddLength = COBS.encode([3, 0, 1, 2, 3, 4]) + [0]
        let badCOBS: [UInt8] = [0x09, 0x01, 0x02, 0x00]
        let overlong = [UInt8](repeating: 0x07, count: 300) + [0]
        let repeated = good
        let batch = Feed.whole(decoder, [0, 0] + good + oddLength + badCOBS + overlong + repeated + [0], now: now)
        #expect(batch.errors.count == 4 && batch.frames == 5)
        #expect(batch.waveforms.count == 2)
    }

    @Test func restartedDeviceStartsTheClockOver() {
        let decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["a"], sampleRateHz: 250)
        let stream = WaveformFrameEncoder.frame(sequence: 500, samples: [1, 2], format: .int16)
            + WaveformFrameEncoder.frame(sequence: 0, samples: [3, 4], format: .int16)
        let batch = Feed.whole(decoder, stream, now: now)
        #expect(batch.lostFrames == 0 && batch.errors.isEmpty)
        #expect(batch.waveforms.map(\.startUnixNs) == [now * 1_000_000, now * 1_000_000])
    }

    @Test func clockReanchorsAfterAPause() {
        var decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["a"], sampleRateHz: 250)
        _ = decoder.decode(WaveformFrameEncoder.frame(sequence: 0, samples: [1, 2], format: .int16), nowUnixMs: now)
        let later = decoder.decode(WaveformFrameEncoder.frame(sequence: 1, samples: [1, 2], format: .int16), nowUnixMs: now + 60_000)
        #expect(later.waveforms.map(\.startUnixNs) == [(now + 60_000) * 1_000_000])
    }

    @Test func anyChunkingGivesTheSameResult() {
        var generator = SplitMix64(seed: 12)
        var stream: [UInt8] = []
        for sequence in 0..<60 as Range<UInt16> where sequence % 7 != 3 {
            let samples = (0..<16).map { _ in Int32.random(in: -8_388_608...8_388_607, using: &generator) }
            stream += WaveformFrameEncoder.frame(sequence: sequence, samples: samples, format: .int24, crcError: sequence % 11 == 5 ? 1 : 0)
            if sequence % 13 == 0 { stream += generator.bytes(20) }
        }
        let decoder = COBSWaveformDecoder(sampleFormat: .int24, channels: ["x", "y", "z", "w"], sampleRateHz: 500)
        let whole = Feed.whole(decoder, stream, now: now)
        #expect(whole.waveforms.count >= 4 * 40 && whole.lostFrames >= 8)
        #expect(Feed.byteByByte(decoder, stream, now: now) == whole)
        for seed in 0..<20 as Range<UInt64> {
            #expect(Feed.randomChunks(decoder, stream, now: now, maxChunk: 100, seed: seed) == whole)
        }
    }
}
