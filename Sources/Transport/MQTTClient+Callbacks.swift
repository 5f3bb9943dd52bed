import CMosquitto
import Foundation

extension MQTTClient {
    /// Routes each libmosquitto callback to the client's CallbackState. They run on libmosquitto's network thread
    /// (closures passed as C function pointers, so they capture nothing and find the state through `obj`).
    static func installCallbacks(on raw: OpaquePointer) {
        mosquitto_connect_v5_callback_set(raw) { _, obj, reasonCode, flags, _ in
            // Bit 0 of the CONNACK flags is "session present".
            CallbackState.from(obj)?.didConnect(reasonCode: reasonCode, sessionPresent: flags & 1 != 0)
        }
        mosquitto_disconnect_v5_callback_set(raw) { _, obj, code, _ in
            // errno must be read here, on the thread that failed, before anything else overwrites it.
            let errno = MosquittoLibrary.currentErrno
            CallbackState.from(obj)?.didDisconnect(code: code, errno: errno)
        }
        mosquitto_publish_v5_callback_set(raw) { _, obj, mid, reasonCode, _ in
            CallbackState.from(obj)?.didPublish(mid: mid, reasonCode: reasonCode)
        }
        mosquitto_message_v5_callback_set(raw) { _, obj, message, _ in
            guard let state = CallbackState.from(obj), let message = message?.pointee else { return }
            let payload = message.payload.map { Data(bytes: $0, count: Int(message.payloadlen)) } ?? Data()
            state.didReceive(
                MQTTMessage(
                    topic: message.topic.map { String(cString: $0) } ?? "",
                    payload: payload, qos: message.qos, retain: message.retain))
        }
        mosquitto_log_callback_set(raw) { _, obj, level, line in
            // Two lines per message at debug level: make Strings only of what is kept.
            guard let line, let state = CallbackState.from(obj), state.keepsLog(level: level) else { return }
            state.didLog(level: level, line: String(cString: line))
        }
    }
}
