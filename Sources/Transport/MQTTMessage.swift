import Foundation

/// An application message received on a subscribed topic.
public struct MQTTMessage: Sendable {
    public var topic: String
    public var payload: Data
    public var qos: Int32
    public var retain: Bool

    public init(topic: String, payload: Data, qos: Int32, retain: Bool) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}
