import LocalLab
import Testing
@testable import WFDB

@Suite struct WFDBAnnotationReaderTests {
    @Test func record100Annotations() throws {
        let annotations = try WFDBAnnotationReader.read(path: MITDB.record100 + ".atr")
        let beats = annotations.filter(\.isBeat)
        #expect(beats.count == 2273)
        #expect(beats.filter { $0.mnemonic == "N" }.count == 2239)
        #expect(beats.filter { $0.mnemonic == "A" }.count == 33)
        #expect(beats.filter { $0.mnemonic == "V" }.count == 1)
        #expect(annotations.count == 2274)
        let first = try #require(annotations.first)
        #expect(first.sample == 18)
        #expect(first.code == .rhythmChange)
        #expect(first.mnemonic == "+")
        #expect(first.aux == "(N")
        #expect(!first.isBeat)
        #expect(zip(annotations, annotations.dropFirst()).allSatisfy { $0.sample <= $1.sample })
        #expect(try #require(annotations.last).sample < 650_000)
    }

    @Test func pseudoAnnotations() throws {
        var bytes: [UInt8] = []
        func word(_ code: Int, _ field: Int) { bytes += [UInt8(field & 0xFF), UInt8((code << 2) | (field >> 8))] }
        word(1, 100)               // N at 100
        word(61, 3)                // SUB 3 (this annotation only)
        word(62, 1)                // CHN 1 (sticky)
        word(60, 7)                // NUM 7 (sticky)
        word(59, 0)                // SKIP 70000 = 0x0001_1170, high word first
        bytes += [0x01, 0x00, 0x70, 0x11]
        word(5, 30)                // V at 100 + 70000 + 30
        word(63, 5)                // AUX "hello" + pad byte
        bytes += Array("hello".utf8) + [0]
        word(28, 1023)             // + at 70130 + 1023
        word(0, 0)                 // end
        word(1, 5)                 // ignored after the end word
        let annotations = try WFDBAnnotationReader.decode(bytes)
        #expect(annotations == [
            WFDBAnnotation(sample: 100, code: .normal, subtype: 3, channel: 1, number: 7),
            WFDBAnnotation(sample: 70130, code: .prematureVentricular, channel: 1, number: 7, aux: "hello"),
            WFDBAnnotation(sample: 71153, code: .rhythmChange, channel: 1, number: 7),
        ])
    }

    @Test func codeTable() {
        let beats = "N L R B A a J S V r F e j n E / f Q ?".split(separator: " ").map(String.init)
        for label in beats {
            #expect(WFDBAnnotationCode(mnemonic: label)?.isBeat == true, "\(label)")
        }
        for label in ["+", "~", "|", "\"", "x", "!", "[", "]", "(", ")", "p", "t", "u", "@", "s", "T", "*", "D", "=", "^"] {
            let code = WFDBAnnotationCode(mnemonic: label)
            #expect(code != nil && code?.isBeat == false, "\(label)")
        }
        #expect((1...49).filter { WFDBAnnotationCode(rawValue: $0).isBeat }.count == 19)
    }

    @Test(arguments: [
        ([UInt8](), [WFDBAnnotation]()),
        ([0x05, 0x04], [WFDBAnnotation(sample: 5, code: .normal)]),
    ])
    func missingEndWordIsTolerated(bytes: [UInt8], expected: [WFDBAnnotation]) throws {
        #expect(try WFDBAnnotationReader.decode(bytes) == expected)
    }

    @Test(arguments: [
        ([UInt8]([0x05]), WFDBError.truncatedAnnotationFile(byteOffset: 1)),
        ([0x00, 0xEC, 0x01, 0x00], .truncatedAnnotationFile(byteOffset: 4)),
        ([0x05, 0xFC, 0x41, 0x42], .truncatedAnnotationFile(byteOffset: 4)),
        ([0x05, 0xC8], .invalidAnnotation(byteOffset: 0, reason: "undefined annotation code 50")),
        ([0x00, 0xEC, 0xFF, 0xFF, 0x00, 0x00, 0x05, 0x04], .invalidAnnotation(byteOffset: 0, reason: "annotation time -65536 before start")),
    ])
    func malformedFilesAreErrors(bytes: [UInt8], expected: WFDBError) {
        #expect(throws: expected) { try WFDBAnnotationReader.decode(bytes) }
    }

    /// Random bytes must decode or throw, never trap; decoded times never go backwards.
    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 0xA77)
        var decoded = 0
        var rejected = 0
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            do {
                let annotations = try WFDBAnnotationReader.decode(bytes)
                #expect(annotations.allSatisfy { $0.sample >= 0 && (0...49).contains($0.code.rawValue) })
                decoded += 1
            } catch {
                rejected += 1
            }
        }
        #expect(decoded > 0)
        #expect(rejected > 0)
    }

    /// Flipping bytes of the real file exercises the realistic neighbourhood of valid input.
    @Test func mutatedRecord100NeverCrashes() throws {
        let original = try WFDBFile(path: MITDB.record100 + ".atr").readAll()
        var random = SplitMix64(seed: 100)
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &random)) }
            _ = try? WFDBAnnotationReader.decode(bytes)
        }
    }
}
