import Foundation
import LocalLab
import Testing
import Transport

/// Small builders shared by the broker-backed tests.
enum Fixtures {
    static func uniqueID(_ stem: String) -> String {
        "\(stem)-\(UInt32.random(in: 0...UInt32.max))"
    }

    static func client(
        _ url: String, id: String, cleanStart: Bool = true, sessionExpiry: UInt32 = 0, tls: MQTTTLSOptions? = nil
    ) throws -> MQTTClient {
        try MQTTClient(
            options: MQTTClientOptions(
                endpoint: try MQTTEndpoint.parse(url), clientID: id, cleanStart: cleanStart,
                sessionExpirySeconds: sessionExpiry, tls: tls, connectTimeout: .seconds(10)))
    }

    /// Subscribes and proves the subscription is live by receiving our own probe on `probeTopic`: SUBACK is not
    /// surfaced as an event, and the broker handles one client's packets in order.
    static func subscribeConfirmed(
        _ client: MQTTClient, _ recorder: MQTTEventRecorder, filter: String, probeTopic: String
    ) async throws {
        try await client.subscribeConfirmed(filter, recorder: recorder, probeTopic: probeTopic)
    }

}
