/// An MQTT topic filter (`sensors/bed14/#`, `ble/+/2a37`) and its matching rule (MQTT 5 §4.7).
struct TopicFilter: Sendable, Hashable {
    let text: String
    private let levels: [Substring]

    init(_ text: String) {
        self.text = text
        self.levels = text.split(separator: "/", omittingEmptySubsequences: false)
    }

    func matches(_ topic: String) -> Bool {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false)
        // Wildcards never match topics that start with '$' (broker-internal topics).
        if topic.hasPrefix("$"), let first = levels.first, first == "#" || first == "+" { return false }
        for (index, level) in levels.enumerated() {
            if level == "#" { return true }
            guard index < parts.count else { return false }
            if level != "+", level != parts[index] { return false }
        }
        return levels.count == parts.count
    }
}
