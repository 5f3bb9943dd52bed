import DeviceCodecs
import Foundation
import GatewayModel
import Testing

@Suite struct SenMLDecoderTests {
    let now: Int64 = 1_732_838_400_000

    @Test func resolvesBaseNameTimeUnitAndValue() throws {
        let pack = #"[{"bn":"urn:dev:mac:0024befffe804ff1:","bt":1732838400.5,"bu":"%","bv":1,"n":"spo2","v":96},{"n":"hr","u":"beat/min","v":72,"t":1}]"#
        let values = try SenMLDecoder.decode(Data(pack.utf8), nowUnixMs: 0)
        #expect(values.count == 2)
        #expect(values[0] == DecodedValue(name: "urn:dev:mac:0024befffe804ff1:spo2", timeUnixMs: 1_732_838_400_500, value: 97, unit: "%"))
        #expect(values[1] == DecodedValue(name: "urn:dev:mac:0024befffe804ff1:hr", timeUnixMs: 1_732_838_401_500, value: 73, unit: "beat/min"))
    }

    @Test func timesBelowTwoToTheTwentyEightAreRelativeToNow() throws {
        let values = try SenMLDecoder.decode(Data(#"[{"n":"hr","v":60,"t":-5},{"n":"rr","v":14}]"#.utf8), nowUnixMs: now)
        #expect(values.map(\.timeUnixMs) == [now - 5000, now])
        #expect(values.allSatisfy { $0.status.contains(.gatewayTime) })
    }

    @Test func skipsNonNumericRecordsButKeepsBaseFields() throws {
        let pack = #"[{"bn":"dev/","n":"label","vs":"bed 12"},{"n":"alarm","vb":true},{"n":"temp","v":36.9,"u":"Cel","t":1732838400}]"#
        let values = try SenMLDecoder.decode(Data(pack.utf8), nowUnixMs: now)
        #expect(values == [DecodedValue(name: "dev/temp", timeUnixMs: 1_732_838_400_000, value: 36.9, unit: "Cel")])
    }

    @Test func nullIsAbsentAndUnknownKeysAreIgnored() throws {
        // A null base unit leaves the earlier one in force; a null value makes a record without one (skipped).
        let pack = #"[{"bn":"dev/","bu":"/min","n":"hr","v":null,"vendor":{"x":[1]}},{"n":"rr","v":14,"bu":null,"x-bed":"12"}]"#
        let values = try SenMLDecoder.decode(Data(pack.utf8), nowUnixMs: now)
        #expect(values == [DecodedValue(name: "dev/rr", timeUnixMs: now, value: 14, unit: "/min", status: .gatewayTime)])
    }

    @Test(arguments: [
        "", "{}", "[1,2]", #"[{"n":"hr","v":"seventy"}]"#, #"[{"v":70}]"#, "[{\"n\":\"hr\",\"v\":70", "\u{0}\u{1}garbage",
        #"[{"n":"hr","v":70,"t":-1e300}]"#, #"[{"n":"hr","v":70,"t":1e300}]"#, #"[{"n":"hr","v":1e308,"bv":1e308}]"#,
    ])
    func rejectsMalformedPacks(_ text: String) {
        #expect(throws: DecodeError.self) { try SenMLDecoder.decode(Data(text.utf8), nowUnixMs: now) }
    }
}

@Suite struct JSONMapDecoderTests {
    @Test func readsMappedPathsAndTime() throws {
        let decoder = JSONMapDecoder(paths: [JSONPath("vitals.hr")!, JSONPath("vitals.spo2")!, JSONPath("extra[1].v")!], timePath: JSONPath("ts"), timeUnit: .ms)
        let payload = #"{"ts":1732838400123,"vitals":{"hr":71,"spo2":null},"extra":[{"v":1},{"v":"2.5"}]}"#
        let values = try decoder.decode(Data(payload.utf8), nowUnixMs: 0)
        #expect(values.map(\.name) == ["vitals.hr", "vitals.spo2", "extra[1].v"])
        #expect(values.map(\.value) == [71, nil, 2.5])
        #expect(values.allSatisfy { $0.timeUnixMs == 1_732_838_400_123 })
    }

    @Test func isoTimesAndMissingTime() throws {
        let iso = JSONMapDecoder(paths: [JSONPath("hr")!], timePath: JSONPath("at"), timeUnit: .iso8601)
        #expect(try iso.decode(Data(#"{"hr":60,"at":"2024-11-29T00:00:00Z"}"#.utf8), nowUnixMs: 0)[0].timeUnixMs == 1_732_838_400_000)
        let untimed = JSONMapDecoder(paths: [JSONPath("hr")!], timePath: JSONPath("at"), timeUnit: .s)
        let value = try untimed.decode(Data(#"{"hr":60}"#.utf8), nowUnixMs: 42)[0]
        #expect(value.timeUnixMs == 42 && value.status.contains(.gatewayTime))
    }

    @Test(arguments: [#"{"hr":60,"ts":1e30}"#, #"{"hr":60,"ts":-5}"#, #"{"hr":60,"ts":"soon"}"#])
    func outOfRangeTimesAreErrorsNotCrashes(_ payload: String) {
        let decoder = JSONMapDecoder(paths: [JSONPath("hr")!], timePath: JSONPath("ts"), timeUnit: .ms)
        #expect(throws: DecodeError.self) { try decoder.decode(Data(payload.utf8), nowUnixMs: 0) }
    }

    @Test func wrongTypesAndMissingFieldsAreErrors() {
        let decoder = JSONMapDecoder(paths: [JSONPath("hr")!], timePath: nil, timeUnit: .ms)
        #expect(throws: DecodeError.self) { try decoder.decode(Data(#"{"hr":"nan"}"#.utf8), nowUnixMs: 0) }
        #expect(throws: DecodeError.self) { try decoder.decode(Data(#"{"hr":{"x":1}}"#.utf8), nowUnixMs: 0) }
        #expect(throws: DecodeError.self) { try decoder.decode(Data(#"{"rr":12}"#.utf8), nowUnixMs: 0) }
        #expect(throws: DecodeError.self) { try decoder.decode(Data(#"[71]"#.utf8), nowUnixMs: 0) }
    }

    @Test func pathSyntax() {
        #expect(JSONPath("a.b[0].c") != nil)
        #expect(JSONPath("") == nil)
        #expect(JSONPath("a[x]") == nil)
        #expect(JSONPath("a[1") == nil)
    }
}

@Suite struct UnitConversionTests {
    @Test func convertsKnownUnitsAndRefusesUnknownOnes() throws {
        #expect(UnitConversion.convert(72, from: "beat/min", to: "/min") == 72)
        #expect(abs(try #require(UnitConversion.convert(16, from: "kPa", to: "mm[Hg]")) - 120.01) < 0.01)
        #expect(abs(try #require(UnitConversion.convert(98.6, from: "[degF]", to: "Cel")) - 37.0) < 0.001)
        #expect(abs(try #require(UnitConversion.convert(5.5, from: "mmol/L", to: "mg/dL")) - 99.09) < 0.01)
        #expect(abs(try #require(UnitConversion.convert(150, from: "[lb_av]", to: "kg")) - 68.04) < 0.01)
        #expect(UnitConversion.convert(1, from: "Cel", to: "mm[Hg]") == nil)
    }
}
