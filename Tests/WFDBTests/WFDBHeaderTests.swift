import LocalLab
import Testing
@testable import WFDB

@Suite struct WFDBHeaderTests {
    @Test func record100Header() throws {
        let header = try WFDBHeader.load(path: MITDB.record100 + ".hea")
        #expect(header.recordName == "100")
        #expect(header.signalCount == 2)
        #expect(header.samplingFrequency == 360)
        #expect(header.frameCount == 650_000)
        #expect(header.segmentCount == nil)
        #expect(header.signals.map(\.label) == ["MLII", "V5"])
        #expect(header.signals.map(\.fileName) == ["100.dat", "100.dat"])
        #expect(header.signals.map(\.format) == [212, 212])
        #expect(header.signals.map(\.adcGain) == [200, 200])
        #expect(header.signals.map(\.baseline) == [1024, 1024])
        #expect(header.signals.map(\.adcZero) == [1024, 1024])
        #expect(header.signals.map(\.adcResolution) == [11, 11])
        #expect(header.signals.map(\.initialValue) == [995, 1011])
        #expect(header.signals.map(\.checksum) == [-22131, 20052])
        #expect(header.signals.map(\.units) == ["mV", "mV"])
        #expect(header.comments == ["unnecessary comment", "69 M 1085 1629 x1", "Aldomet, Inderal"])
    }

    @Test func fullRecordLine() throws {
        let header = try WFDBHeader(parsing: "rec/3 4 125/1000(-5) 9000 10:20:30.5 25/12/2001\nseg1 3000\n~ 3000\nseg2 3000\n")
        #expect(header.recordName == "rec")
        #expect(header.segmentCount == 3)
        #expect(header.signalCount == 4)
        #expect(header.samplingFrequency == 125)
        #expect(header.counterFrequency == 1000)
        #expect(header.baseCounter == -5)
        #expect(header.frameCount == 9000)
        #expect(header.baseTime == "10:20:30.5")
        #expect(header.baseDate == "25/12/2001")
        #expect(header.segments.map(\.recordName) == ["seg1", "~", "seg2"])
        #expect(header.segments.map(\.sampleCount) == [3000, 3000, 3000])
    }

    @Test func recordLineDefaults() throws {
        let header = try WFDBHeader(parsing: "r 0")
        #expect(header.samplingFrequency == 250)
        #expect(header.frameCount == nil)
        #expect(header.signals.isEmpty)
    }

    @Test func signalLineSuffixesAndDescriptionWithBlanks() throws {
        let header = try WFDBHeader(parsing: "r 1 500\r\nr.dat 16x4:2+512 1000(-3)/mmHg 16 7 9 -1 0 ABP radial   left \r\n")
        let spec = try #require(header.signals.first)
        #expect(spec.format == 16)
        #expect(spec.samplesPerFrame == 4)
        #expect(spec.skew == 2)
        #expect(spec.byteOffset == 512)
        #expect(spec.adcGain == 1000)
        #expect(spec.baseline == -3)
        #expect(spec.units == "mmHg")
        #expect(spec.adcResolution == 16)
        #expect(spec.adcZero == 7)
        #expect(spec.initialValue == 9)
        #expect(spec.checksum == -1)
        #expect(spec.blockSize == 0)
        #expect(spec.label == "ABP radial   left")
    }

    @Test func signalLineDefaults() throws {
        let spec = try #require(WFDBHeader(parsing: "r 1\nr.dat 80 0 0 12").signals.first)
        #expect(spec.adcGain == 200)
        #expect(spec.baseline == 12)
        #expect(spec.initialValue == 12)
        #expect(spec.adcResolution == 12)
        #expect(spec.units == "mV")
        #expect(spec.checksum == nil)
        #expect(spec.label == "")
    }

    @Test func unsignedChecksumWrapsToSixteenBits() throws {
        #expect(try WFDBHeader(parsing: "r 1\nr.dat 16 200 12 0 0 43405").signals[0].checksum == -22131)
    }

    @Test(arguments: [
        ("", WFDBError.missingRecordLine),
        ("# only a comment\n\n", .missingRecordLine),
        ("r", .malformedHeader(line: 1, reason: "record line needs a record name and a signal count")),
        ("r two", .malformedHeader(line: 1, reason: "signal count 'two' is not a number in 0...65536")),
        ("#c\nr 1 -360", .malformedHeader(line: 2, reason: "frequency in '-360' is not a positive number")),
        ("r 1 360/x", .malformedHeader(line: 1, reason: "frequency in '360/x' is not a positive number")),
        ("r 1 360 many", .malformedHeader(line: 1, reason: "sample count 'many' is not a number in 0...1099511627776")),
        ("r 2 360\nr.dat 212", .missingSignalLines(expected: 2, found: 1)),
        ("r 1\nr.dat", .malformedHeader(line: 2, reason: "signal line needs a file name and a format")),
        ("r 1\n\nr.dat 212q", .malformedHeader(line: 3, reason: "format field '212q' is malformed")),
        ("r 1\nr.dat 212x0", .malformedHeader(line: 2, reason: "samples per frame in '212x0' is not a number in 1...65536")),
        ("r 1\nr.dat 212 abc", .malformedHeader(line: 2, reason: "ADC gain 'abc' is not a number")),
        ("r 1\nr.dat 212 200(12", .malformedHeader(line: 2, reason: "baseline in '200(12' is malformed")),
        ("r 1\nr.dat 212 200 11 zero", .malformedHeader(line: 2, reason: "ADC zero 'zero' is not a number in -2147483648...2147483647")),
        ("r 1\nr.dat 212 200 11 0 0 70000", .malformedHeader(line: 2, reason: "checksum '70000' is not a number in -32768...65535")),
        ("r 1\nr.dat 212\nr.dat 212", .malformedHeader(line: 3, reason: "more signal or segment lines than the record line declares")),
        ("r/0 1", .malformedHeader(line: 1, reason: "segment count in 'r/0' is not a positive number")),
        ("r/1 1\nseg", .malformedHeader(line: 2, reason: "segment line must be '<record> <samples>'")),
    ])
    func malformedHeaders(text: String, expected: WFDBError) {
        #expect(throws: expected) { try WFDBHeader(parsing: text) }
    }

    @Test func errorsDescribeThemselves() {
        let error = WFDBError.malformedHeader(line: 3, reason: "format field '212q' is malformed")
        #expect("\(error)" == "WFDB header line 3: format field '212q' is malformed")
    }

    /// Mutated copies of a rich header must parse or throw, never trap.
    @Test func mutatedHeadersNeverCrash() {
        let seed = Array(
            """
            rec 2 360/1000(3) 650000 10:00:00 01/02/2003
            rec.dat 212x2:1+10 200(1024)/mV 11 1024 995 -22131 0 MLII
            rec.dat 212 200 11 1024 1011 20052 0 V5

            """.utf8
        )
        let alphabet = Array(" \n#/:+x()-.0123456789e".utf8)
        var random = SplitMix64(seed: 0xBEEF)
        var parsed = 0
        var rejected = 0
        for _ in 0..<5000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0...2, using: &random) {
                case 0: bytes[position] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                }
            }
            do {
                _ = try WFDBHeader(parsing: String(decoding: bytes, as: UTF8.self))
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(parsed > 0)
        #expect(rejected > 0)
    }
}
