import DeviceCodecs
import Foundation

/// Decodes a BLE bridge message: raw characteristic bytes on `…/<mac>/<uuid>`, or the bridge's
/// JSON form `{mac, uuid, value(hex), ts}`.
enum BLEMessageDecoder {
    static func decode(_ payload: Data, topic: String, nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        throw DecodeError("BLE decoding is not available yet")
    }
}
