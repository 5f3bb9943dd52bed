@_spi(Testing) import DeviceCodecs
import Foundation
import LocalLab
import Testing

/// The scanner reads exactly what Foundation's JSONDecoder reads, and leaves everything else to it.
@Suite struct SenMLScannerTests {
    @Test(arguments: [
        "[]", " [ ] ", "[{}]",
        #"[{"bn":"urn:dev:load:dev17:","bt":1764520000.123,"n":"hr","u":"beat/min","v":72}]"#,
        #"[{"bn":"urn:dev:mac:0024befffe804ff1:","bt":1732838400.5,"bu":"%","bv":1,"n":"spo2","v":96},{"n":"hr","u":"beat/min","v":72,"t":1}]"#,
        "[\n\t{ \"n\" : \"hr\" ,\r\n \"v\" : -0.5e+2 , \"t\":-5E-1 } ,{\"n\":\"rr\",\"v\":0}]\n",
        #"[{"bver":10,"n":"x","v":-0,"s":1e-300,"vb":false},{"n":"y","vs":"bed 12","vd":"AAE=","vb":true}]"#,
        #"[{"n":"hr","v":null,"u":null,"bver":null,"vb":null},{"n":"x","v":123456789012345678901234567890}]"#,
        #"[{"n":"a","v":0.1},{"n":"b","v":2.2250738585072014e-308},{"n":"c","v":1.7976931348623157e308}]"#,
    ])
    func readsWhatJSONDecoderReads(_ text: String) throws {
        let payload = Data(text.utf8)
        let fast = try #require(SenMLScanner.records(in: payload), "within the scanner's subset")
        #expect(Self.exact(fast) == Self.exact(try SenMLDecoder.foundationRecords(payload)))
    }

    @Test(arguments: [
        "", "{}", "[1]", "[{}", "[{}]x", "[{},]", "[{,}]", "\u{FEFF}[]",
        #"[{"n":"h\"r","v":1}]"#, #"[{"n":"hé","v":1}]"#, #"[{"n":"hr","v":1,"vendor":2}]"#, #"[{"n":"hr","n":"rr","v":1}]"#,
        #"[{"n":"hr","v":01}]"#, #"[{"n":"hr","v":1.}]"#, #"[{"n":"hr","v":.5}]"#, #"[{"n":"hr","v":-}]"#, #"[{"n":"hr","v":1e}]"#,
        #"[{"n":"hr","v":1e400}]"#, #"[{"n":"hr","v":1e-400}]"#, #"[{"n":"hr","v":0e5}]"#, #"[{"n":"hr","v":1e-320}]"#, #"[{"n":"hr","v":"72"}]"#, #"[{"n":72,"v":1}]"#, #"[{"n":"hr","vb":1}]"#,
        #"[{"bver":1.0,"n":"hr","v":1}]"#, #"[{"bver":1e2,"n":"hr","v":1}]"#, #"[{"n":"hr","v":[1]}]"#, #"[{"n":"hr","v":nul}]"#,
    ])
    func leavesTheRestToJSONDecoder(_ text: String) {
        #expect(SenMLScanner.records(in: Data(text.utf8)) == nil)
    }

    /// Random packs, many slightly broken: whatever the scanner reads, JSONDecoder reads the same.
    @Test func generatedPacksReadTheSameEitherWay() {
        var random = SplitMix64(seed: 8428)
        var scanned = 0
        for _ in 0..<20_000 {
            var bytes = Array(Self.pack(&random).utf8)
            if Int.random(in: 0..<4, using: &random) == 0, !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0x20..<0x7F, using: &random)
            }
            let payload = Data(bytes)
            guard let fast = SenMLScanner.records(in: payload) else { continue }
            scanned += 1
            let reference = try? SenMLDecoder.foundationRecords(payload)
            #expect(Self.exact(fast) == reference.map(Self.exact), "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(scanned > 5_000, "many generated packs are within the subset: \(scanned)")
    }

    /// Every field as text, so -0 and 0 differ, as do any two Doubles that are not the same number.
    static func exact(_ records: [SenMLRecord]) -> String { "\(records)" }

    private static func pack(_ random: inout SplitMix64) -> String {
        let records = (0..<Int.random(in: 0...3, using: &random)).map { _ in record(&random) }
        return space(&random) + "[" + records.joined(separator: "," + space(&random)) + "]" + space(&random)
    }

    private static func record(_ random: inout SplitMix64) -> String {
        let keys = ["bn", "bt", "bu", "bv", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t"].shuffled(using: &random)
        let fields = keys.prefix(Int.random(in: 0...5, using: &random)).map { key in
            "\"\(key)\"" + space(&random) + ":" + space(&random) + value(for: key, &random)
        }
        return "{" + space(&random) + fields.joined(separator: "," + space(&random)) + space(&random) + "}"
    }

    private static func value(for key: String, _ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return "null"
        case 1: return ["true", "false", "\"x\"", "7"].randomElement(using: &random)!
        default: break
        }
        switch key {
        case "bn", "bu", "n", "u", "vs", "vd": return "\"" + ["hr", "urn:dev:x:", "beat/min", "%", "", "bed 12", "a\\u0041"].randomElement(using: &random)! + "\""
        case "vb": return Bool.random(using: &random) ? "true" : "false"
        case "bver": return String(Int.random(in: -20...20, using: &random))
        default: return number(&random)
        }
    }

    private static func number(_ random: inout SplitMix64) -> String {
        let sign = Bool.random(using: &random) ? "-" : ""
        let whole = ["0", "7", "72", "1764520000", "123456789012345678901234567890"].randomElement(using: &random)!
        let fraction = ["", ".5", ".123", ".000001", ".99999999999999999"].randomElement(using: &random)!
        let exponent = ["", "", "e5", "E-3", "e+308", "e-320", "e400"].randomElement(using: &random)!
        return sign + whole + fraction + exponent
    }

    private static func space(_ random: inout SplitMix64) -> String {
        ["", "", "", " ", "\n", "\t ", "\r\n"].randomElement(using: &random)!
    }
}
