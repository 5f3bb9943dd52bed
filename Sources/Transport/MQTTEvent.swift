/// Something that happened on the connection, delivered in the order libmosquitto reported it.
public enum MQTTEvent: Sendable {
    /// The broker accepted the connection; `sessionPresent` says it kept our earlier session.
    case connected(sessionPresent: Bool)
    /// The connection ended (requested, refused, or lost); the client will not reconnect by itself.
    case disconnected(reason: String)
    /// The broker acknowledged publish `mid` (QoS 1 PUBACK; QoS 0 once written). A code >= 0x80 means refused.
    /// `at` is when libmosquitto's network thread reported it, before it waited for a consumer.
    case published(mid: Int32, reasonCode: Int, at: ContinuousClock.Instant)
    case message(MQTTMessage)
}
