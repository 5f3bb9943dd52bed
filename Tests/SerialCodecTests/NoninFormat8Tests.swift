import DeviceCodecs
import LocalLab
import GatewayModel
import Testing

@Suite struct NoninFormat8Tests {
    let now: Int64 = 1_732_838_400_000

    func values(_ batch: DecodedBatch, _ name: String) -> [Double?] { batch.values.filter { $0.name == name }.map(\.value) }

    @Test func framesGiveRateAndSaturationOncePerSecond() {
        let stream = NoninEncoder.format8(hr: 72, spo2: 97) + NoninEncoder.format8(hr: 300, spo2: 88) + NoninEncoder.format8(hr: 511, spo2: 127)
        var decoder = NoninFormat8Decoder()
        let batch = decoder.decode(stream, nowUnixMs: now)
        #expect(batch.errors.isEmpty && batch.frames == 3)
        #expect(values(batch, "pr") == [72, 300, nil])
        #expect(values(batch, "spo2") == [97, 88, nil])
        #expect(batch.values.filter { $0.name == "pr" }.map(\.timeUnixMs) == [now, now + 1000, now + 2000])
        #expect(batch.values.allSatisfy { $0.status == .gatewayTime })
        #expect(batch.waveforms.isEmpty)
    }

    @Test func syncNeedsTwoFramesInARow() {
        var decoder = NoninFormat8Decoder()
        // One frame alone could be noise that looks like a frame: it waits for the next one.
        #expect(decoder.decode(NoninEncoder.format8(hr: 72, spo2: 97), nowUnixMs: now).values.isEmpty)
        let next = decoder.decode(NoninEncoder.format8(hr: 73, spo2: 97), nowUnixMs: now)
        #expect(values(next, "pr") == [72, 73])
        // Once in sync, each frame comes out as soon as it is complete.
        #expect(values(decoder.decode(NoninEncoder.format8(hr: 74, spo2: 96), nowUnixMs: now), "pr") == [74])
    }

    @Test func statusBitsBecomeConditions() {
        let stream = NoninEncoder.format8(hr: 60, spo2: 95, status1: 0x40 | 0x10 | 0x04) + NoninEncoder.format8(hr: 60, spo2: 95, status1: 0x28)
        var decoder = NoninFormat8Decoder()
        let batch = decoder.decode(stream, nowUnixMs: now)
        #expect(batch.conditions.count == 10)
        let first = Set(batch.conditions.prefix(5).filter(\.active).map(\.code))
        let second = Set(batch.conditions.suffix(5).filter(\.active).map(\.code))
        #expect(first == ["sensor-disconnected", "low-perfusion", "artifact"])
        #expect(second == ["out-of-track", "marginal-perfusion"])
        #expect(batch.values[0].status == [.sensorProblem, .lowPerfusion, .artifact, .gatewayTime])
        #expect(batch.values[2].status == [.questionable, .gatewayTime])
    }

    @Test func garbageResynchronises() {
        var generator = SplitMix64(seed: 8)
        let frames = (0..<5).flatMap { NoninEncoder.format8(hr: 60 + $0, spo2: 95) }
        for garbage in [[0x80], [0x85, 0x10], [0x01, 0x02, 0x03], generator.bytes(37), [0xFF, 0x7F, 0x65, 0x7F, 0xFF]] as [[UInt8]] {
            var decoder = NoninFormat8Decoder()
            let batch = decoder.decode(garbage + frames, nowUnixMs: now)
            #expect(values(batch, "pr") == [60, 61, 62, 63, 64], "garbage \(garbage.prefix(8))")
        }
        // A byte lost mid-stream costs that frame only.
        var damaged = frames
        damaged.remove(at: 9)
        var decoder = NoninFormat8Decoder()
        let batch = decoder.decode(damaged, nowUnixMs: now)
        #expect(values(batch, "pr") == [60, 61, 63, 64])
        #expect(batch.errors.count == 1)
        // The lost frame keeps its second on the clock.
        #expect(batch.values.filter { $0.name == "pr" }.map(\.timeUnixMs) == [now, now + 1000, now + 3000, now + 4000])
    }

    @Test func anyChunkingGivesTheSameResult() {
        var generator = SplitMix64(seed: 9)
        var stream: [UInt8] = []
        for index in 0..<40 {
            stream += NoninEncoder.format8(hr: 40 + index * 3, spo2: UInt8(80 + index % 20), status1: UInt8(index % 4) << 3)
            if index % 9 == 4 { stream += generator.bytes(Int.random(in: 1...7, using: &generator)) }
        }
        let whole = Feed.whole(NoninFormat8Decoder(), stream, now: now)
        #expect(whole.values.count >= 2 * 30)
        #expect(Feed.byteByByte(NoninFormat8Decoder(), stream, now: now) == whole)
        for seed in 0..<20 as Range<UInt64> {
            #expect(Feed.randomChunks(NoninFormat8Decoder(), stream, now: now, maxChunk: 12, seed: seed) == whole)
        }
    }
}
