import DeviceCodecs
import Foundation
import FuzzSupport

/// Input: one byte picks what the rest is.
/// - 0–6: the value of one health characteristic (GATTCharacteristic.allCases order), as one notification;
/// - 7: a bridge message on `ble/<mac>/2a5f` (JSON when it starts with `{`, else raw characteristic bytes),
///   decoded on to the characteristic it names, as the gateway does;
/// - 8: decoded advertisement JSON (OpenMQTTGateway / Theengs);
/// - 9: a raw-topic message: the topic up to the first 0x00, then the characteristic bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let mode = input.pick(10)
    let rest = input.rest
    let characteristics = GATTCharacteristic.allCases
    switch mode {
    case 0..<characteristics.count:
        decode(uuid: characteristics[mode].rawValue, rest, "GATT \(characteristics[mode].name)")
    case 7:
        guard let notification = try? BLEBridgePayload.notification(topic: "ble/aa:bb:cc:dd:ee:ff/2a5f", payload: Data(rest)) else { break }
        check(notification)
        decode(uuid: notification.uuid, notification.bytes, "bridge notification 0x\(String(notification.uuid, radix: 16))")
    case 8:
        if let (mac, _) = try? BLEBridgePayload.advertisement(Data(rest)), let mac, BLEAddress.normalized(mac) != mac {
            fatalError("advertisement MAC '\(mac)' is not normalised")
        }
    default:
        let cut = rest.firstIndex(of: 0) ?? rest.endIndex
        let topic = String(decoding: rest[..<cut], as: UTF8.self)
        let payload = cut < rest.endIndex ? Data(rest[(cut + 1)...]) : Data()
        guard let notification = try? BLEBridgePayload.notification(rawTopic: topic, payload: payload) else { break }
        check(notification)
        decode(uuid: notification.uuid, notification.bytes, "raw-topic notification 0x\(String(notification.uuid, radix: 16))")
    }
    return 0
}

private func decode(uuid: UInt16, _ bytes: [UInt8], _ what: String) {
    guard let batch = try? GATTHealthDecoder.decode(uuid: uuid, bytes: bytes, nowUnixMs: StreamCheck.nowUnixMs) else { return }
    Invariants.check(batch, what)
}

/// A parsed notification names a normalised address and carries at least one byte.
private func check(_ notification: BLENotification) {
    if BLEAddress.normalized(notification.mac) != notification.mac { fatalError("notification MAC '\(notification.mac)' is not normalised") }
    if notification.bytes.isEmpty { fatalError("notification 0x\(String(notification.uuid, radix: 16)) with no bytes") }
}
