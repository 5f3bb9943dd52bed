import Testing
import Transport

@Suite struct MQTTEndpointTests {
    @Test(arguments: [
        ("mqtt://broker.example", MQTTEndpoint(host: "broker.example", port: 1883, useTLS: false)),
        ("mqtt://10.0.0.5:1884", MQTTEndpoint(host: "10.0.0.5", port: 1884, useTLS: false)),
        ("mqtts://broker.example", MQTTEndpoint(host: "broker.example", port: 8883, useTLS: true)),
        ("MQTTS://broker.example:443/", MQTTEndpoint(host: "broker.example", port: 443, useTLS: true)),
        ("mqtts://[::1]:8883", MQTTEndpoint(host: "::1", port: 8883, useTLS: true)),
        ("mqtt://[fe80::1]", MQTTEndpoint(host: "fe80::1", port: 1883, useTLS: false)),
    ])
    func parsesValidURLs(url: String, expected: MQTTEndpoint) throws {
        #expect(try MQTTEndpoint.parse(url) == expected)
    }

    @Test(arguments: [
        "", "broker.example", "http://broker.example", "tcp://broker.example:1883", "mqtt://", "mqtt://:1883",
        "mqtt://host:0", "mqtt://host:65536", "mqtt://host:abc", "mqtt://host:+1", "mqtt://host:", "mqtt://::1",
        "mqtts://[::1", "mqtts://[::1]x", "mqtts://[host]:8883", "mqtt://user@host", "mqtt://host/path",
        "mqtt://host:1883?x=1",
    ])
    func rejectsInvalidURLs(url: String) {
        #expect(throws: MQTTError.self) { try MQTTEndpoint.parse(url) }
    }

    @Test func errorNamesTheURLAndTheExpectedForm() {
        let error = #expect(throws: MQTTError.self) { try MQTTEndpoint.parse("http://x") }
        #expect(error?.description.contains("http://x") == true)
        #expect(error?.description.contains("mqtts://") == true)
    }

    @Test func urlRoundTrips() throws {
        for url in ["mqtt://h:1883", "mqtts://[::1]:8883", "mqtts://127.0.0.1:9000"] {
            #expect(try MQTTEndpoint.parse(url).url == url)
        }
    }
}
