import Foundation

/// Parses what BLE→MQTT bridges publish: GATT notifications, raw (`…/<mac>/<uuid16>`) or as JSON
/// `{"mac","uuid","value"(hex),"ts"(ms)}`, and the decoded advertisement JSON of OpenMQTTGateway
/// and Theengs (`home/<gw>/BTtoMQTT/<MAC>`).
public enum BLEBridgePayload {
    /// Picks the form by the first byte: `{` opens JSON, and no health characteristic can start
    /// with 0x7B because bits 5 and 6 of all their flags are reserved.
    public static func notification(topic: String, payload: Data) throws(DecodeError) -> BLENotification {
        payload.first == UInt8(ascii: "{") ? try notification(json: payload) : try notification(rawTopic: topic, payload: payload)
    }

    /// Raw characteristic bytes published on a topic ending `/<mac>/<uuid>`.
    public static func notification(rawTopic topic: String, payload: Data) throws(DecodeError) -> BLENotification {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count >= 2 else { throw DecodeError("topic '\(topic)' does not end in /<mac>/<uuid>") }
        guard let mac = BLEAddress.normalized(levels[levels.count - 2]) else {
            throw DecodeError("topic '\(topic)': '\(levels[levels.count - 2])' is not a Bluetooth address")
        }
        guard let uuid = BluetoothUUID.uuid16(levels[levels.count - 1]) else {
            throw DecodeError("topic '\(topic)': '\(levels[levels.count - 1])' is not a 16-bit or base Bluetooth UUID")
        }
        guard !payload.isEmpty else { throw DecodeError("empty characteristic value on '\(topic)'") }
        return BLENotification(mac: mac, uuid: uuid, bytes: Array(payload))
    }

    /// The JSON form; extra members (rssi, name, …) are ignored.
    public static func notification(json payload: Data) throws(DecodeError) -> BLENotification {
        let object = try jsonObject(payload)
        guard case let .string(macText)? = object["mac"] else { throw DecodeError("BLE notification JSON needs a string 'mac'") }
        guard let mac = BLEAddress.normalized(macText) else { throw DecodeError("'\(macText)' is not a Bluetooth address") }
        guard case let .string(uuidText)? = object["uuid"] else { throw DecodeError("BLE notification JSON needs a string 'uuid'") }
        guard let uuid = BluetoothUUID.uuid16(uuidText) else {
            throw DecodeError("'\(uuidText)' is not a 16-bit or base Bluetooth UUID")
        }
        guard case let .string(hex)? = object["value"] else { throw DecodeError("BLE notification JSON needs a hex string 'value'") }
        let bytes = try HexBytes.decode(hex)
        guard !bytes.isEmpty else { throw DecodeError("empty characteristic value") }
        return BLENotification(mac: mac, uuid: uuid, bytes: bytes, timeUnixMs: try time(object["ts"]))
    }

    /// Decoded advertisement JSON passed through for a profile to map; `mac` comes from `id`
    /// when that is a Bluetooth address.
    public static func advertisement(_ payload: Data) throws(DecodeError) -> (mac: String?, fields: JSONValue) {
        let object = try jsonObject(payload)
        var mac: String?
        if case let .string(id)? = object["id"] { mac = BLEAddress.normalized(id) }
        return (mac, .object(object))
    }

    private static func jsonObject(_ payload: Data) throws(DecodeError) -> [String: JSONValue] {
        let document: JSONValue
        do { document = try JSONDecoder().decode(JSONValue.self, from: payload) } catch {
            throw DecodeError("not JSON: \(SenMLDecoder.describe(error))")
        }
        guard case let .object(object) = document else { throw DecodeError("expected a JSON object at the top level") }
        return object
    }

    /// Only Unix milliseconds from 2001 to 5138 pass: a bridge sending seconds would otherwise
    /// put every reading in January 1970 without anyone noticing.
    private static func time(_ value: JSONValue?) throws(DecodeError) -> Int64? {
        switch value {
        case nil, .null?: return nil
        case let .number(ms)? where ms.isFinite && ms >= 1e12 && ms < 1e14: return Int64(ms.rounded())
        case let other?: throw DecodeError("'ts' must be Unix milliseconds, got \(other)")
        }
    }
}
