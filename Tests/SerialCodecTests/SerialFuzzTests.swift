import DeviceCodecs
import LocalLab
import GatewayModel
import Testing

/// A million seeded random bytes per decoder, in random chunks: no crash, no unbounded buffering, the
/// same result as one whole pass, and nothing decoded from bytes that fail a frame's check.
@Suite struct SerialFuzzTests {
    static let byteCount = 1_000_000
    let now: Int64 = 1_732_838_400_000

    /// Big chunks keep a million-byte run fast in debug builds; small-chunk equivalence is tested per decoder.
    func wholeAndChunked<D: ByteStreamDecoder>(_ decoder: D, _ bytes: [UInt8], seed: UInt64) -> DecodedBatch {
        let whole = Feed.whole(decoder, bytes, now: now)
        let chunked = Feed.randomChunks(decoder, bytes, now: now, maxChunk: 4096, seed: seed)
        #expect(chunked == whole)
        return whole
    }

    @Test func masimoRandomBytes() {
        var generator = SplitMix64(seed: 101)
        let batch = wholeAndChunked(MasimoASCIIDecoder(), generator.bytes(Self.byteCount), seed: 1)
        #expect(batch.values.isEmpty && batch.conditions.isEmpty)
        #expect(batch.frames > 1000 && batch.errors.count == batch.frames)
    }

    @Test func masimoMutatedLines() {
        var generator = SplitMix64(seed: 102)
        let line = Array("12/01/05 11:56:29 SN=0123456789 SPO2=098% BPM=240 PI=20.00% SPCO=01.0% SPMET=00.5% DESAT=01 PIDELTA=-02 PVI=027 ALARM=0000 EXC=000820\r\n".utf8)
        var stream: [UInt8] = []
        stream.reserveCapacity(Self.byteCount + line.count)
        while stream.count < Self.byteCount {
            var mutated = line
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            stream += mutated
        }
        let batch = wholeAndChunked(MasimoASCIIDecoder(), stream, seed: 2)
        #expect(!batch.values.isEmpty && !batch.errors.isEmpty)
        #expect(batch.values.allSatisfy { $0.value?.isFinite ?? true })
        #expect(Set(batch.values.map(\.name)).isSubset(of: ["spo2", "pr", "pi", "spco", "spmet", "desat", "pidelta", "pvi"]))
    }

    @Test func noninFormat2RandomBytesAndBadChecksums() {
        var generator = SplitMix64(seed: 201)
        let random = wholeAndChunked(NoninFormat2Decoder(), generator.bytes(Self.byteCount), seed: 3)
        #expect(random.values.isEmpty && random.waveforms.isEmpty && random.conditions.isEmpty && !random.errors.isEmpty)
        let wrong = wholeAndChunked(NoninFormat2Decoder(), Self.noninStream(format: 2, badChecksums: true, using: &generator), seed: 4)
        #expect(wrong.values.isEmpty && wrong.waveforms.isEmpty && wrong.errors.count > 10_000)
    }

    @Test func noninFormat7RandomBytesAndBadChecksums() {
        var generator = SplitMix64(seed: 301)
        let random = wholeAndChunked(NoninFormat7Decoder(), generator.bytes(Self.byteCount), seed: 5)
        #expect(random.values.isEmpty && random.waveforms.isEmpty && !random.errors.isEmpty)
        let wrong = wholeAndChunked(NoninFormat7Decoder(), Self.noninStream(format: 7, badChecksums: true, using: &generator), seed: 6)
        #expect(wrong.values.isEmpty && wrong.waveforms.isEmpty && wrong.errors.count > 10_000)
    }

    /// Good packets, packets with one corrupted byte and random garbage interleaved: everything decoded
    /// must be exactly what a good packet carried.
    @Test(arguments: [2, 7])
    func noninEveryOutputComesFromAGoodPacket(format: Int) {
        var generator = SplitMix64(seed: UInt64(400 + format))
        var stream: [UInt8] = []
        var sentPleth: Set<[Int32]> = []
        var goodPackets = 0
        var index = 0
        while stream.count < Self.byteCount {
            index += 1
            var packet = NoninEncoder.Packet(hr: 30 + index % 200, spo2: UInt8(70 + index % 31))
            packet.pleth = (0..<25).map { _ in Int.random(in: 0...(format == 2 ? 255 : 65535), using: &generator) }
            var bytes = format == 2 ? NoninEncoder.format2(packet) : NoninEncoder.format7(packet)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<6:
                goodPackets += 1
                sentPleth.insert(packet.pleth.map { Int32($0) })
            case 6..<9:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            default:
                bytes = generator.bytes(Int.random(in: 1...200, using: &generator))
            }
            stream += bytes
        }
        let decoder: any ByteStreamDecoder = format == 2 ? NoninFormat2Decoder() : NoninFormat7Decoder()
        let batch = wholeAndChunked(decoder, stream, seed: UInt64(format))
        #expect(batch.waveforms.allSatisfy { sentPleth.contains($0.samples) })
        // A packet right after garbage can be lost to a false sync; almost all good ones come through.
        #expect(batch.waveforms.count <= goodPackets && batch.waveforms.count > goodPackets * 9 / 10)
        for value in batch.values where value.name == "pr" {
            #expect(value.value.map { (30.0...229.0).contains($0) } == true)
        }
        #expect(batch.values.count == 5 * batch.waveforms.count)
    }

    @Test func noninFormat8RandomBytes() {
        var generator = SplitMix64(seed: 501)
        let random = wholeAndChunked(NoninFormat8Decoder(), generator.bytes(Self.byteCount), seed: 7)
        #expect(!random.errors.isEmpty)
        // Without a checksum random bytes can pass the sync rule, but never with an impossible value.
        for value in random.values {
            switch value.name {
            case "spo2": #expect(value.value.map { (0...100).contains($0) } ?? true)
            case "pr": #expect(value.value.map { (0...510).contains($0) } ?? true)
            default: Issue.record("unexpected value \(value.name)")
            }
        }
        // Bytes that all have bit 7 set can never be a frame.
        let highBit = wholeAndChunked(NoninFormat8Decoder(), generator.bytes(Self.byteCount).map { $0 | 0x80 }, seed: 8)
        #expect(highBit.values.isEmpty && highBit.conditions.isEmpty && highBit.errors.count >= Self.byteCount / 4 - 2)
    }

    @Test func cobsRandomBytesAndBadCRCs() {
        var generator = SplitMix64(seed: 601)
        let decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: ["a", "b"], sampleRateHz: 250)
        let random = wholeAndChunked(decoder, generator.bytes(Self.byteCount), seed: 9)
        #expect(random.frames > 1000)
        #expect(random.waveforms.allSatisfy { !$0.samples.isEmpty })
        // Well-formed frames whose CRC is off by a random non-zero pattern: nothing gets through.
        var wrong: [UInt8] = []
        var sequence: UInt16 = 0
        while wrong.count < Self.byteCount {
            let samples = (0..<(2 * Int.random(in: 1...40, using: &generator))).map { _ in Int32(Int16.random(in: .min ... .max, using: &generator)) }
            wrong += WaveformFrameEncoder.frame(sequence: sequence, samples: samples, format: .int16, crcError: UInt16.random(in: 1...0xFFFF, using: &generator))
            sequence &+= 1
        }
        let bad = wholeAndChunked(decoder, wrong, seed: 10)
        #expect(bad.waveforms.isEmpty && bad.errors.count == bad.frames && bad.frames > 10_000)
    }

    @Test func lineMappingRandomBytes() {
        var generator = SplitMix64(seed: 701)
        let csv = LineMappingDecoder(format: .csv(separator: ",", columns: [0: "a", 2: "b"], timeColumn: 1), timeUnit: .iso8601)
        let random = generator.bytes(Self.byteCount)
        let batch = wholeAndChunked(csv, random, seed: 11)
        #expect(batch.frames > 1000)
        let keyValue = LineMappingDecoder(format: .keyValue(separator: "=", pairSeparator: ",", keys: ["a": "a"], timeKey: "t"))
        // A small alphabet, so that keys, separators, numbers and line ends actually occur.
        let alphabet = Array("at=,=,0123456789.-e+ \n\rx".utf8)
        let pairs = wholeAndChunked(keyValue, random.map { alphabet[Int($0) % alphabet.count] }, seed: 12)
        #expect(!pairs.values.isEmpty && !pairs.errors.isEmpty)
        #expect(pairs.values.allSatisfy { $0.name == "a" && ($0.value?.isFinite ?? true) })
    }

    /// Packet-shaped frames (sync byte, STATUS bit 7) whose every checksum is wrong.
    static func noninStream(format: Int, badChecksums: Bool, using generator: inout SplitMix64) -> [UInt8] {
        var stream: [UInt8] = []
        stream.reserveCapacity(byteCount + 150)
        var frame = 0
        while stream.count < byteCount {
            let status = 0x80 | UInt8.random(in: 0...0x7E, using: &generator) | (frame % 25 == 0 ? 1 : 0)
            let error = badChecksums ? UInt8.random(in: 1...255, using: &generator) : 0
            let data = UInt8.random(in: 0...127, using: &generator)
            stream +=
                format == 2
                ? NoninEncoder.format2Frame(status: status, pleth: .random(in: 0...255, using: &generator), data: data, checksumError: error)
                : NoninEncoder.format7Frame(status: status, pleth: .random(in: 0...65535, using: &generator), data: data, checksumError: error)
            frame += 1
        }
        return stream
    }
}
