import Foundation

/// An application message received on a subscribed topic.
public struct MQTTMessage: Sendable {
    public var topic: String
    public var payload: Data
    public var qos: Int32
    public var retain: Bool
    /// When libmosquitto handed it over (and acknowledged it to the broker): from here it is the receiver's.
    public var receivedAt: ContinuousClock.Instant

    public init(topic: String, payload: Data, qos: Int32, retain: Bool, receivedAt: ContinuousClock.Instant = .now) {
        self.receivedAt = receivedAt
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}
