import DeviceCodecs
import Foundation

/// Decodes a BLE bridge message: raw characteristic bytes on `…/<mac>/<uuid>`, or the bridge's
/// JSON form `{mac, uuid, value(hex), ts}`; the characteristic decides the decoder.
enum BLEMessageDecoder {
    static func decode(_ payload: Data, topic: String, nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        let notification = try BLEBridgePayload.notification(topic: topic, payload: payload)
        return try GATTHealthDecoder.decode(uuid: notification.uuid, bytes: notification.bytes, nowUnixMs: notification.timeUnixMs ?? nowUnixMs)
    }
}
