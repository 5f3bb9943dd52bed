import LocalLab
import Testing
@testable import WFDB

@Suite struct WFDBSignalReaderTests {
    @Test func record100MatchesHeaderInitialValuesAndChecksums() throws {
        let reader = try WFDBSignalReader(recordPath: MITDB.record100)
        #expect(reader.frameCount == 650_000)
        let record = try reader.readAll()
        #expect(record.signals.count == 2)
        for (signal, spec) in zip(record.signals, reader.header.signals) {
            #expect(signal.samples.count == 650_000)
            #expect(signal.samples.first == Int32(spec.initialValue))
            // The header's checksum sums every sample: any decoding slip in 212 shows up here.
            #expect(signal.checksum == spec.checksum)
        }
        #expect(record.signals[0].physicalValues.prefix(3) == [-0.145, -0.145, -0.145])
        #expect(record.signals[1].physicalValues.first == -0.065)
    }

    @Test(arguments: [1, 7, 1000, 65_536, 1_000_000])
    func chunkedReadsEqualWholeRead(chunk: Int) throws {
        let reader = try WFDBSignalReader(recordPath: MITDB.record100)
        let whole = try reader.read(frames: 0..<20_001)
        let limited = try WFDBSignalReader(header: {
            var header = reader.header
            header.frameCount = 20_001
            return header
        }(), directory: MITDB.directory)
        var chunks = limited.chunks(ofFrames: chunk)
        var joined: [[Int32]] = [[], []]
        while let next = try chunks.next() {
            #expect(next.frames.count <= chunk)
            for index in 0..<2 { joined[index] += next.signals[index].samples }
        }
        #expect(joined == whole.signals.map(\.samples))
    }

    @Test func unalignedRangeOf212() throws {
        let reader = try WFDBSignalReader(recordPath: MITDB.record100)
        let whole = try reader.read(frames: 0..<100)
        let middle = try reader.read(frames: 33..<67)
        #expect(middle.signals[0].samples == Array(whole.signals[0].samples[33..<67]))
        #expect(middle.signals[1].samples == Array(whole.signals[1].samples[33..<67]))
    }

    @Test func format212SignExtensionAndInvalidSentinel() throws {
        // One signal, odd sample count: samples -1, 2047, -2048 (invalid), 5 → pairs (0xFFF, 0x7FF), (0x800, 0x005).
        let bytes: [UInt8] = [0xFF, 0x7F, 0xFF, 0x00, 0x08, 0x05]
        let header = try WFDBHeader(parsing: "r 1 100 4\nr.dat 212 100 12 0 -1")
        let samples = try WFDBSignalReader(header: header, files: ["r.dat": bytes]).readAll().signals[0]
        #expect(samples.samples == [-1, 2047, WFDBSamples.invalid, 5])
        #expect(samples.physicalValues[2].isNaN)
        #expect(samples.checksum == Int16(-1 + 2047 - 2048 + 5))
        let odd = try WFDBHeader(parsing: "r 1 100 3\nr.dat 212")
        #expect(try WFDBSignalReader(header: odd, files: ["r.dat": Array(bytes.prefix(5))]).readAll().signals[0].samples.count == 3)
    }

    @Test func format16RoundTripsThroughAFile() throws {
        let values: [[Int16]] = [[0, 1, -1, 32767, -32767, 1234], [-5, 6, -7, 8, -9, 10]]
        var bytes: [UInt8] = []
        for frame in 0..<6 {
            for signal in 0..<2 {
                let word = UInt16(bitPattern: values[signal][frame])
                bytes += [UInt8(word & 0xFF), UInt8(word >> 8)]
            }
        }
        let record = try TemporaryRecord(files: [
            "r.hea": Array("r 2 250 6\nr.dat 16 1000(0)/mmHg 16 0 0\nr.dat 16 100 16 0 -5 0 0 second signal\n".utf8),
            "r.dat": bytes,
        ])
        defer { record.remove() }
        let read = try WFDBSignalReader(recordPath: record.directory + "/r").readAll()
        #expect(read.signals.map(\.samples) == values.map { $0.map(Int32.init) })
        #expect(read.signals[0].physicalValues[3] == 32.767)
        #expect(read.signals[0].units == "mmHg")
        #expect(read.signals[1].label == "second signal")
    }

    @Test func format80RoundTripsThroughAFile() throws {
        let values: [Int32] = [-127, -1, 0, 1, 127, -128]
        let record = try TemporaryRecord(files: [
            "p.hea": Array("p 1 125\np.dat 80 50 8 0\n".utf8),
            "p.dat": values.map { UInt8($0 + 128) },
        ])
        defer { record.remove() }
        let reader = try WFDBSignalReader(recordPath: record.directory + "/p")
        #expect(reader.frameCount == 6)
        #expect(try reader.readAll().signals[0].samples == [-127, -1, 0, 1, 127, WFDBSamples.invalid])
    }

    @Test func samplesPerFrameSkewAndByteOffset() throws {
        // Frame layout: a0 a1 b, after a 2-byte prolog; b lags a by one frame.
        let stored: [Int16] = [10, 11, 100, 20, 21, 200, 30, 31, 300]
        let bytes: [UInt8] = [0xAA, 0xBB] + stored.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] }
        let header = try WFDBHeader(parsing: "r 2 10 2\nr.dat 16x2+2\nr.dat 16:1+2")
        let read = try WFDBSignalReader(header: header, files: ["r.dat": bytes]).readAll()
        #expect(read.signals[0].samples == [10, 11, 20, 21])
        #expect(read.signals[1].samples == [200, 300])
    }

    @Test func signalsInSeparateFiles() throws {
        let header = try WFDBHeader(parsing: "r 2 10\na.dat 80\nb.dat 16")
        let reader = try WFDBSignalReader(header: header, files: ["a.dat": [128, 129, 130], "b.dat": [1, 0, 2, 0]])
        #expect(reader.frameCount == 2)
        #expect(try reader.readAll().signals.map(\.samples) == [[0, 1], [1, 2]])
    }

    @Test func truncatedFileIsAnError() throws {
        let header = try WFDBHeader(parsing: "r 2 360 1000\nr.dat 212\nr.dat 212")
        let reader = try WFDBSignalReader(header: header, files: ["r.dat": [UInt8](repeating: 0, count: 2999)])
        #expect(throws: WFDBError.truncatedSignalFile(file: "r.dat", neededBytes: 3000, availableBytes: 2999)) { try reader.readAll() }
        #expect(try reader.read(frames: 0..<999).frames == 0..<999)
    }

    @Test func truncatedRecord100IsAnError() throws {
        let full = try WFDBFile(path: MITDB.record100 + ".dat").readAll()
        let header = try WFDBHeader.load(path: MITDB.record100 + ".hea")
        let reader = try WFDBSignalReader(header: header, files: ["100.dat": Array(full.prefix(1_000_000))])
        let expected = WFDBError.truncatedSignalFile(file: "100.dat", neededBytes: 1_950_000, availableBytes: 1_000_000)
        #expect(throws: expected) { try reader.readAll() }
    }

    @Test func outOfRangeFramesAreAnError() throws {
        let reader = try WFDBSignalReader(recordPath: MITDB.record100)
        #expect(throws: WFDBError.frameRangeOutOfBounds(requested: 649_999..<650_001, frameCount: 650_000)) {
            try reader.read(frames: 649_999..<650_001)
        }
    }

    @Test func unsupportedRecordsAreErrors() throws {
        let header8 = try WFDBHeader(parsing: "r 1\nr.dat 8")
        #expect(throws: WFDBError.unsupportedFormat(signal: 0, format: 8)) { try WFDBSignalReader(header: header8, files: ["r.dat": []]) }
        let multi = try WFDBHeader(parsing: "r/1 1\ns 10")
        #expect(throws: WFDBError.unsupportedRecord(reason: "multi-segment records")) { try WFDBSignalReader(header: multi, files: [:]) }
        #expect(throws: WFDBError.cannotOpen(path: "/nonexistent/x.hea", errno: 2)) { try WFDBSignalReader(recordPath: "/nonexistent/x") }
    }

    /// Random headers over random bytes: every read either succeeds with consistent sizes or throws.
    @Test func randomSignalFilesNeverCrash() throws {
        var random = SplitMix64(seed: 0xDA7A)
        let formats = [16, 61, 80, 160, 212, 8, 310]
        var succeeded = 0
        var failed = 0
        for _ in 0..<3000 {
            let format = formats.randomElement(using: &random)!
            let spf = Int.random(in: 1...3, using: &random)
            let frames = Int.random(in: 1...40, using: &random)
            let (skew, offset) = (Int.random(in: 0...2, using: &random), Int.random(in: 0...3, using: &random))
            let text = "r 2 100 \(frames)\nr.dat \(format)x\(spf):\(skew)+\(offset)\nr.dat \(format)"
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            do {
                let reader = try WFDBSignalReader(header: WFDBHeader(parsing: text), files: ["r.dat": bytes])
                let all = try reader.readAll()
                #expect(all.signals[0].samples.count == frames * spf)
                #expect(all.signals[1].samples.count == frames)
                succeeded += 1
            } catch {
                failed += 1
            }
        }
        #expect(succeeded > 0)
        #expect(failed > 0)
    }
}
