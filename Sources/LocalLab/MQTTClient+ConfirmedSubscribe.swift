import Foundation
import Transport

extension MQTTClient {
    /// Subscribes to `filter` and returns once a probe published to `probeTopic` came back through it, so
    /// messages a test publishes next cannot overtake the SUBSCRIBE. `recorder` must be recording this client.
    public func subscribeConfirmed(_ filter: String, recorder: MQTTEventRecorder, probeTopic: String) async throws {
        _ = try subscribe(filter, qos: 1)
        let probe = Data("probe-\(UUID().uuidString)".utf8)
        _ = try publish(topic: probeTopic, payload: probe, qos: 1)
        guard await recorder.message(withPayload: probe) != nil else {
            throw SupportError("subscription to \(filter) never delivered the probe")
        }
    }
}
