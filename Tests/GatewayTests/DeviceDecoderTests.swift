import DeviceCodecs
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

    @Test func aValueBeyondAnAlarmLimitASensorProblemOrALeadOffMakesTheMessageUrgent() throws {
        let decoder = DeviceDecoder(device: device, profile: try profile("senml-vitals"))
        func urgent(_ pack: String) throws -> Bool { try decoder.decodeAndMap(Data(pack.utf8), topic: "sensors/bed7", nowUnixMs: 0).0.mayAlarm }
        #expect(try urgent(#"[{"bt":1764000000,"n":"spo2","u":"%","v":84}]"#), "below 90 %")
        #expect(try urgent(#"[{"bt":1764000000,"n":"hr","v":70},{"n":"hr","v":130}]"#), "above 120 /min, before the rule's 5 s delay")
        #expect(try urgent(#"[{"bt":1764000000,"n":"temp","u":"Cel","v":39.5}]"#))
        #expect(try !urgent(#"[{"bt":1764000000,"n":"spo2","u":"%","v":96},{"n":"hr","v":71},{"n":"temp","u":"Cel","v":37}]"#))
        #expect(try !urgent(#"[{"bt":1764000000,"n":"dia","v":20},{"n":"battery","v":1}]"#), "no limit on the channel, or no channel")
        #expect(try !urgent(#"[{"bt":1764000000,"n":"spo2","u":"%","v":90}]"#), "on the limit is not beyond it")

        let flagged = DecodedValue(name: "spo2", timeUnixMs: 0, value: 97, status: .sensorProblem)
        #expect(decoder.mapper.map(DecodedBatch(values: [flagged])).mayAlarm)
        let condition = { (code: String, active: Bool) in
            decoder.mapper.map(DecodedBatch(conditions: [DeviceCondition(code: code, active: active, timeUnixMs: 0)])).mayAlarm
        }
        #expect(condition("lead-off", true))
        #expect(!condition("lead-off", false))
        #expect(!condition("low-battery", true), "devices report such bits on every frame, and no alarm comes of them")
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

@Suite struct BridgeProfileTests {
    @Test func advertisementJSONFromOpenMQTTGatewayMapsByPath() throws {
        let profile = try DeviceProfile.load(path: "\(ConfigFixture.profilesDirectory)/ble-advertisement-thermometer.yaml")
        let decoder = DeviceDecoder(device: DeviceInfo(id: "room4-thermo", profile: profile.name), profile: profile)
        let payload = #"{"id":"A4:C1:38:00:11:22","model":"LYWSD03MMC","tempc":36.9,"batt":81,"rssi":-70}"#
        let mapped = try decoder.decodeAndMap(Data(payload.utf8), topic: "home/gw1/BTtoMQTT/A4C138001122", nowUnixMs: 5).0
        #expect(mapped.measurements.map(\.value) == [36.9])
        #expect(mapped.measurements.first?.channel.code.loinc == "8310-5")
    }

    @Test func gattNotificationsArriveRawOrAsBridgeJSON() throws {
        let profile = try DeviceProfile.load(path: "\(ConfigFixture.profilesDirectory)/ble-heart-rate.yaml")
        let decoder = DeviceDecoder(device: DeviceInfo(id: "bed9-hr", profile: profile.name), profile: profile)
        let raw = try decoder.decodeAndMap(Data([0x00, 0x55]), topic: "ble/aa:bb:cc:dd:ee:ff/2a37", nowUnixMs: 5).0
        #expect(raw.measurements.map(\.value) == [85])
        let json = #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":1764000000123}"#
        let bridged = try decoder.decodeAndMap(Data(json.utf8), topic: "ble/aa:bb:cc:dd:ee:ff/2a37", nowUnixMs: 5).0
        #expect(bridged.measurements.first?.value == 85 && bridged.measurements.first?.timeUnixMs == 1_764_000_000_123)
        #expect(throws: DecodeError.self) { try decoder.decodeAndMap(Data([0x17, 0x01, 0x01]), topic: "ble/aa:bb:cc:dd:ee:ff/2a37", nowUnixMs: 5) }
    }
}
