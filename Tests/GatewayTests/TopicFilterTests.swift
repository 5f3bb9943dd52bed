@testable import Gateway
import Testing

@Suite struct TopicFilterTests {
    @Test(arguments: [
        ("sensors/bed14/#", "sensors/bed14/vitals", true),
        ("sensors/bed14/#", "sensors/bed14", true),
        ("sensors/bed14/#", "sensors/bed15/vitals", false),
        ("ble/+/2a37", "ble/aa:bb/2a37", true),
        ("ble/+/2a37", "ble/aa:bb/2a35", false),
        ("ble/+/2a37", "ble/aa/bb/2a37", false),
        ("a/b", "a/b", true),
        ("a/b", "a/b/c", false),
        ("#", "$SYS/broker/load", false),
        ("+/x", "/x", true),
    ])
    func matching(_ filter: String, _ topic: String, _ expected: Bool) {
        #expect(TopicFilter(filter).matches(topic) == expected)
    }
}
