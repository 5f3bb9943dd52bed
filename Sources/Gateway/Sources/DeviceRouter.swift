/// Finds which configured devices a message topic belongs to, remembering the answer per topic.
///
/// Topics repeat (a device publishes on the same few), so after the first message a lookup is
/// one dictionary access instead of matching every device's filter.
struct DeviceRouter: Sendable {
    private let filters: [TopicFilter]
    private var known: [String: [Int]] = [:]
    /// Bounds the memory a publisher cycling through endless topics can take.
    private let cacheLimit: Int

    init(filters: [TopicFilter], cacheLimit: Int = 10_000) {
        self.filters = filters
        self.cacheLimit = cacheLimit
    }

    /// Indexes into `filters` of every filter matching `topic`.
    mutating func routes(for topic: String) -> [Int] {
        if let routes = known[topic] { return routes }
        let routes = filters.indices.filter { filters[$0].matches(topic) }
        if known.count >= cacheLimit { known.removeAll(keepingCapacity: true) }
        known[topic] = routes
        return routes
    }
}
