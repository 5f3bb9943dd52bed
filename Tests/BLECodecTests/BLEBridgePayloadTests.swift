import DeviceCodecs
import Foundation
import Testing

@Suite struct BLEBridgePayloadTests {
    let hrBytes: [UInt8] = [0x1E, 0x55, 0x32, 0x00, 0x21, 0x00]

    @Test(arguments: [
        "ble/aa:bb:cc:dd:ee:ff/2a37", "ble/AA:BB:CC:DD:EE:FF/2A37", "gw/ward3/ble/aa-bb-cc-dd-ee-ff/2a37",
        "ble/aabbccddeeff/00002a37-0000-1000-8000-00805f9b34fb", "aa:bb:cc:dd:ee:ff/00002A37-0000-1000-8000-00805F9B34FB",
    ])
    func rawNotificationOnTopic(_ topic: String) throws {
        let note = try BLEBridgePayload.notification(rawTopic: topic, payload: Data(hrBytes))
        #expect(note == BLENotification(mac: "AA:BB:CC:DD:EE:FF", uuid: 0x2A37, bytes: hrBytes, timeUnixMs: nil))
    }

    @Test(arguments: [
        "ble/aa:bb:cc:dd:ee/2a37", "ble/aa:bb:cc:dd:ee:fg/2a37", "ble/aa:bb-cc:dd:ee:ff/2a37", "ble/aa:bb:cc:dd:ee:ff:00/2a37",
        "ble/aa:bb:cc:dd:ee:ff/2a3", "ble/aa:bb:cc:dd:ee:ff/0x2a37", "ble/aa:bb:cc:dd:ee:ff/2a37x", "ble/aa:bb:cc:dd:ee:ff/",
        "ble/aa:bb:cc:dd:ee:ff/12345678-0000-1000-8000-00805f9b34fb", "ble/aa:bb:cc:dd:ee:ff/00002a37-0000-1000-8000-00805f9b34fc",
        "ble/aa:bb:cc:dd:ee:ff/00002a37", "2a37", "ble/2a37/aa:bb:cc:dd:ee:ff", "",
    ])
    func rawNotificationRejectsBadTopics(_ topic: String) {
        #expect(throws: DecodeError.self) { try BLEBridgePayload.notification(rawTopic: topic, payload: Data(hrBytes)) }
    }

    @Test func rawNotificationRejectsAnEmptyValue() {
        #expect(throws: DecodeError.self) { try BLEBridgePayload.notification(rawTopic: "ble/aa:bb:cc:dd:ee:ff/2a37", payload: Data()) }
    }

    @Test func jsonNotificationFromTheReference() throws {
        let json = #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":1732838400123}"#
        let note = try BLEBridgePayload.notification(json: Data(json.utf8))
        #expect(note == BLENotification(mac: "AA:BB:CC:DD:EE:FF", uuid: 0x2A37, bytes: hrBytes, timeUnixMs: 1_732_838_400_123))
    }

    @Test(arguments: [
        #"{"mac":"aa:bb:cc:dd:ee:ff","uuid":"00002A37-0000-1000-8000-00805F9B34FB","value":"1E5532002100","rssi":-70}"#,
        #"{"mac":"AA-BB-CC-DD-EE-FF","uuid":"2A37","value":"1e5532002100","ts":null}"#,
    ])
    func jsonNotificationSpellings(_ json: String) throws {
        let note = try BLEBridgePayload.notification(json: Data(json.utf8))
        #expect(note == BLENotification(mac: "AA:BB:CC:DD:EE:FF", uuid: 0x2A37, bytes: hrBytes, timeUnixMs: nil))
    }

    @Test(arguments: [
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1g5532002100"}"#,  // not hex
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e553200210"}"#,  // odd length
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":""}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e 55"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":[30,85]}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37"}"#,
        #"{"uuid":"2a37","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE","uuid":"2a37","value":"1e5532002100"}"#,
        #"{"mac":12,"uuid":"2a37","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"0x2a37","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37f","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":10807,"value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"6e400001-b5a3-f393-e0a9-e50e24dcca9e","value":"1e5532002100"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":"1732838400123"}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":1732838400}"#,  // seconds, not ms
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":-1}"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100","ts":1e300}"#,
        #"[{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100"}]"#,
        #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a37","value":"1e5532002100""#,
        "", "null", "\"1e5532002100\"",
    ])
    func jsonNotificationRejectsMalformedMessages(_ json: String) {
        #expect(throws: DecodeError.self) { try BLEBridgePayload.notification(json: Data(json.utf8)) }
    }

    @Test func formIsChosenByTheFirstByte() throws {
        let json = #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"2a5f","value":"0064005a00"}"#
        let fromJSON = try BLEBridgePayload.notification(topic: "ble/json", payload: Data(json.utf8))
        #expect(fromJSON == BLENotification(mac: "AA:BB:CC:DD:EE:FF", uuid: 0x2A5F, bytes: [0x00, 0x64, 0x00, 0x5A, 0x00]))
        let raw = try BLEBridgePayload.notification(topic: "ble/11:22:33:44:55:66/2a5f", payload: Data([0x00, 0x64, 0x00, 0x5A, 0x00]))
        #expect(raw == BLENotification(mac: "11:22:33:44:55:66", uuid: 0x2A5F, bytes: [0x00, 0x64, 0x00, 0x5A, 0x00]))
        #expect(throws: DecodeError.self) { try BLEBridgePayload.notification(topic: "ble/json", payload: Data([0x00, 0x64])) }
    }

    @Test func bridgedNotificationDecodes() throws {
        let json = #"{"mac":"AA:BB:CC:DD:EE:FF","uuid":"00002a5f-0000-1000-8000-00805f9b34fb","value":"1C5F005A00200000000057F0","ts":1732838400123}"#
        let note = try BLEBridgePayload.notification(json: Data(json.utf8))
        let batch = try GATTHealthDecoder.decode(uuid: note.uuid, bytes: note.bytes, nowUnixMs: note.timeUnixMs ?? testNow)
        #expect(batch.values.map(\.value) == [95, 90, 8.7])
        #expect(batch.values.allSatisfy { $0.timeUnixMs == 1_732_838_400_123 })
    }

    @Test func advertisementPassesFieldsThrough() throws {
        let json = #"{"id":"aa:bb:cc:dd:ee:ff","model":"CMS50","tempc":36.9,"hr":72,"spo2":97,"batt":80}"#
        let (mac, fields) = try BLEBridgePayload.advertisement(Data(json.utf8))
        #expect(mac == "AA:BB:CC:DD:EE:FF")
        #expect(fields.value(at: JSONPath("tempc")!) == .number(36.9))
        #expect(fields.value(at: JSONPath("model")!) == .string("CMS50"))
        #expect(fields.value(at: JSONPath("spo2")!) == .number(97))
    }

    @Test(arguments: [#"{"model":"X","hr":60}"#, #"{"id":"iBeacon-7","hr":60}"#, #"{"id":42,"hr":60}"#])
    func advertisementWithoutAnAddress(_ json: String) throws {
        let (mac, fields) = try BLEBridgePayload.advertisement(Data(json.utf8))
        #expect(mac == nil)
        #expect(fields.value(at: JSONPath("hr")!) == .number(60))
    }

    @Test(arguments: ["", "not json", "[1,2]", "\"AA:BB:CC:DD:EE:FF\"", "{\"id\":", "null"])
    func advertisementRejectsNonObjects(_ text: String) {
        #expect(throws: DecodeError.self) { try BLEBridgePayload.advertisement(Data(text.utf8)) }
    }

    @Test func addressAndUUIDSpellings() {
        #expect(BLEAddress.normalized("a1:b2:c3:d4:e5:f6") == "A1:B2:C3:D4:E5:F6")
        #expect(BLEAddress.normalized("A1B2C3D4E5F6") == "A1:B2:C3:D4:E5:F6")
        #expect(BLEAddress.normalized("A1:B2:C3:D4:E5:F") == nil)
        #expect(BLEAddress.normalized("A1:B2:C3:D4:E5:FG") == nil)
        #expect(BLEAddress.normalized("A1B2C3D4E5F6A") == nil)
        #expect(BluetoothUUID.uuid16("2A9D") == 0x2A9D)
        #expect(BluetoothUUID.uuid16("+A9D") == nil)
        #expect(BluetoothUUID.uuid16("00002a9d-0000-1000-8000-00805f9b34fb") == 0x2A9D)
        #expect(BluetoothUUID.uuid16("10002a9d-0000-1000-8000-00805f9b34fb") == nil)
    }
}
