import DeviceCodecs
import LocalLab
import GatewayModel
import Testing

@Suite struct NoninFormat2And7Tests {
    let now: Int64 = 1_732_838_400_000
    let packetNs: Int64 = 333_333_333  // 25 samples at 75 Hz

    func values(_ batch: DecodedBatch, _ name: String) -> [Double?] { batch.values.filter { $0.name == name }.map(\.value) }
    func active(_ batch: DecodedBatch) -> Set<String> { Set(batch.conditions.filter(\.active).map(\.code)) }

    @Test func format2PacketsGiveRateSaturationAndPleth() {
        var second = NoninEncoder.Packet(hr: 300, spo2: 88, spo2D: 87, spo2Fast: 86, spo2BeatToBeat: 85)
        second.pleth = (0..<25).map { 255 - $0 }
        let stream = NoninEncoder.format2(NoninEncoder.Packet()) + NoninEncoder.format2(second)
        var decoder = NoninFormat2Decoder()
        let batch = decoder.decode(stream, nowUnixMs: now)
        #expect(batch.errors.isEmpty && batch.frames == 50)
        #expect(values(batch, "pr") == [72, 300])
        #expect(values(batch, "spo2") == [97, 88])
        #expect(values(batch, "spo2-d") == [96, 87])
        #expect(values(batch, "spo2-fast") == [95, 86])
        #expect(values(batch, "spo2-b2b") == [94, 85])
        #expect(batch.values.allSatisfy { $0.status == .gatewayTime })
        #expect(batch.values.filter { $0.name == "pr" }.map(\.unit) == ["/min", "/min"])
        #expect(batch.values.filter { $0.name == "spo2" }.map(\.unit) == ["%", "%"])
        #expect(batch.values.filter { $0.name == "pr" }.map(\.timeUnixMs) == [now, now + 333])
        #expect(batch.waveforms.count == 2)
        #expect(batch.waveforms.allSatisfy { $0.name == "pleth" && $0.periodNs == 13_333_333 })
        #expect(batch.waveforms.map(\.startUnixNs) == [now * 1_000_000, now * 1_000_000 + packetNs])
        #expect(batch.waveforms[0].samples == (0..<25).map { Int32(100 + $0) })
        #expect(batch.waveforms[1].samples == (0..<25).map { Int32(255 - $0) })
        #expect(active(batch).isEmpty && batch.conditions.count == 12)
    }

    @Test func format7Has16BitPlethAndAFiveByteChecksum() {
        var packet = NoninEncoder.Packet(hr: 61, spo2: 99)
        packet.pleth = (0..<25).map { 65535 - $0 * 1000 }
        var decoder = NoninFormat7Decoder()
        let batch = decoder.decode(NoninEncoder.format7(packet), nowUnixMs: now)
        #expect(batch.errors.isEmpty)
        #expect(values(batch, "pr") == [61] && values(batch, "spo2") == [99])
        #expect(batch.waveforms.map(\.samples) == [packet.pleth.map { Int32($0) }])
        // A checksum over only the first four bytes (format #2's rule) does not pass in format #7.
        let wrongRule = (0..<25).flatMap { frame -> [UInt8] in
            let body: [UInt8] = [0x01, NoninEncoder.status(packet, frame: frame), 0x12, 0x34, NoninEncoder.data(packet, frame: frame)]
            return body + [body[0..<4].reduce(0, &+)]
        }
        var strict = NoninFormat7Decoder()
        let rejected = strict.decode(wrongRule, nowUnixMs: now)
        #expect(rejected.values.isEmpty && rejected.waveforms.isEmpty && !rejected.errors.isEmpty)
    }

    @Test func missingValuesAreAbsent() {
        let packet = NoninEncoder.Packet(hr: 511, spo2: 127, spo2D: 127, spo2Fast: 127, spo2BeatToBeat: 127)
        var decoder = NoninFormat2Decoder()
        let batch = decoder.decode(NoninEncoder.format2(packet), nowUnixMs: now)
        #expect(batch.values.count == 5)
        #expect(batch.values.allSatisfy { $0.value == nil && $0.status == .gatewayTime })
        // Impossible saturations are absent too, and marked invalid.
        var broken = NoninFormat2Decoder()
        let impossible = broken.decode(NoninEncoder.format2(NoninEncoder.Packet(spo2: 101)), nowUnixMs: now)
        #expect(impossible.values.first { $0.name == "spo2" }.map { $0.value == nil && $0.status.contains(.invalid) } == true)
    }

    @Test func statusBitsBecomeConditionsAndValueStatus() {
        var packet = NoninEncoder.Packet(status: 0x40 | 0x10)
        packet.frameStatus = [5: 0x04, 6: 0x04, 12: 0x20]  // red perfusion during a pulse, one artifact
        var decoder = NoninFormat2Decoder()
        let batch = decoder.decode(NoninEncoder.format2(packet), nowUnixMs: now)
        #expect(active(batch) == ["sensor-disconnected", "out-of-track", "low-perfusion", "artifact"])
        #expect(batch.values[0].status == [.sensorProblem, .questionable, .lowPerfusion, .artifact, .gatewayTime])

        var yellow = NoninEncoder.Packet(status: 0x08)
        yellow.frameStatus = [3: 0x06, 4: 0x02]
        var second = NoninFormat2Decoder()
        let marginal = second.decode(NoninEncoder.format2(yellow), nowUnixMs: now)
        #expect(active(marginal) == ["sensor-alarm", "marginal-perfusion"])
        // Green perfusion (bits 2–1 = 01) is good: no condition.
        var green = NoninEncoder.Packet()
        green.frameStatus = [3: 0x02, 4: 0x02]
        var third = NoninFormat2Decoder()
        #expect(active(third.decode(NoninEncoder.format2(green), nowUnixMs: now)).isEmpty)
    }

    @Test func badChecksumLosesOnlyItsPacket() {
        var stream: [UInt8] = []
        for index in 0..<3 {
            var frames = NoninEncoder.format2(NoninEncoder.Packet(hr: 60 + index))
            if index == 1 { frames[7 * 5 + 4] &+= 1 }  // frame 8's CHK
            stream += frames
        }
        var decoder = NoninFormat2Decoder()
        let batch = decoder.decode(stream, nowUnixMs: now)
        #expect(values(batch, "pr") == [60, 62])
        #expect(batch.errors.count == 1)
        #expect(batch.waveforms.count == 2)
        // The lost packet keeps its place on the sample clock.
        #expect(batch.waveforms.map(\.startUnixNs) == [now * 1_000_000, now * 1_000_000 + 2 * packetNs + 1])
    }

    @Test func garbagePrefixResynchronises() {
        var generator = SplitMix64(seed: 7)
        let packets = (0..<4).flatMap { NoninEncoder.format2(NoninEncoder.Packet(hr: 70 + $0)) }
        for length in [1, 2, 3, 4, 5, 6, 17, 500] {
            // Garbage that contains sync bytes and frame-like starts.
            var garbage = generator.bytes(length)
            if length > 10 { garbage[3] = 0x01; garbage[4] = 0x81 }
            var decoder = NoninFormat2Decoder()
            let batch = decoder.decode(garbage + packets, nowUnixMs: now)
            #expect(values(batch, "pr") == [70, 71, 72, 73], "garbage of \(length) bytes")
            #expect(!batch.errors.isEmpty)
        }
    }

    @Test func packetStructureErrors() {
        let packet = NoninEncoder.format2(NoninEncoder.Packet(hr: 80))
        // A SYNC frame after 10 frames cuts the packet; 26 frames without SYNC overrun it.
        let cut = Array(packet[0..<50]) + packet
        var decoder = NoninFormat2Decoder()
        let batch = decoder.decode(cut, nowUnixMs: now)
        #expect(values(batch, "pr") == [80] && batch.errors.count == 1)
        let overrun = packet + Array(packet[5..<10]) + packet
        var second = NoninFormat2Decoder()
        let long = second.decode(overrun, nowUnixMs: now)
        #expect(values(long, "pr") == [80, 80] && long.errors.count == 1)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func anyChunkingGivesTheSameResult(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var stream2: [UInt8] = []
        var stream7: [UInt8] = []
        for index in 0..<12 {
            var packet = NoninEncoder.Packet(hr: 50 + index, spo2: UInt8(90 + index % 8), status: index % 3 == 0 ? 0x20 : 0)
            packet.pleth = (0..<25).map { _ in Int.random(in: 0...255, using: &generator) }
            var frames2 = NoninEncoder.format2(packet)
            var frames7 = NoninEncoder.format7(packet)
            if index % 4 == 2 {
                let at = Int.random(in: 0..<frames2.count, using: &generator)
                frames2[at] ^= 0x5A
                frames7[at] ^= 0x5A
            }
            let garbage = index % 5 == 3 ? generator.bytes(Int.random(in: 1...40, using: &generator)) : []
            stream2 += garbage + frames2
            stream7 += garbage + frames7
        }
        stream2 += Array(NoninEncoder.format2(NoninEncoder.Packet())[0..<33])
        check(NoninFormat2Decoder(), stream2, seed: seed)
        check(NoninFormat7Decoder(), stream7, seed: seed)
    }

    private func check<D: ByteStreamDecoder>(_ decoder: D, _ stream: [UInt8], seed: UInt64) {
        let whole = Feed.whole(decoder, stream, now: now)
        #expect(whole.values.count >= 5 * 8 && whole.waveforms.count >= 8)
        #expect(Feed.byteByByte(decoder, stream, now: now) == whole)
        for chunkSeed in 0..<10 as Range<UInt64> {
            #expect(Feed.randomChunks(decoder, stream, now: now, maxChunk: 40, seed: seed * 100 + chunkSeed) == whole)
        }
    }
}
