import Foundation
@testable import Gateway
import GatewayModel
import Testing

@Suite struct DeviceDecoderTests {
    let device = DeviceInfo(id: "bed7", profile: "x", patient: "p-7")

    func profile(_ name: String) throws -> DeviceProfile {
        try DeviceProfile.load(path: "\(ConfigFixture.profilesDirectory)/\(name).yaml")
    }

    @Test func senmlRecordsMapToCodedChannelsByTheirLastNamePart() throws {
        let decoder = DeviceDecoder(device: device, profile: try profile("senml-vitals"))
        let pack = #"[{"bn":"urn:dev:mac:0024befffe804ff1:","bt":1764000000,"n":"spo2","u":"%","v":96},{"n":"hr","v":71},{"n":"battery","v":80}]"#
        let (mapped, _) = try decoder.decodeAndMap(Data(pack.utf8), topic: "sensors/bed7", nowUnixMs: 0)
        let measurements = mapped.measurements
        #expect(mapped.unmapped == 1)
        #expect(measurements.map(\.channel.name) == ["spo2", "hr"])
        #expect(measurements[0].channel.code.loinc == "59408-5" && measurements[0].channel.unit == "%")
        #expect(measurements[1].value == 71 && measurements[1].timeUnixMs == 1_764_000_000_000 && measurements[1].device == "bed7")
    }

    @Test func jsonDocumentsMapByPathWithScaleAndOffset() throws {
        let decoder = DeviceDecoder(device: device, profile: try profile("json-vitals"))
        let payload = #"{"ts":1764000000123,"vitals":{"hr":72,"spo2":null},"nibp":{"sys":121},"temperature":{"fahrenheit":98.6}}"#
        let measurements = try decoder.decodeAndMap(Data(payload.utf8), topic: "sensors/bed7", nowUnixMs: 0).0.measurements
        let byName = Dictionary(uniqueKeysWithValues: measurements.map { ($0.channel.name, $0) })
        #expect(byName["hr"]?.value == 72)
        #expect(byName["spo2"]?.value == nil && byName["spo2"]?.absentReason == "unknown", "null is kept as 'no value'")
        #expect(byName["sys"]?.channel.code.loinc == "8480-6")
        let celsius = try #require(byName["temp_f"]?.value)
        #expect(abs(celsius - 37.0) < 0.001)
        #expect(measurements.allSatisfy { $0.timeUnixMs == 1_764_000_000_123 })
    }
}
