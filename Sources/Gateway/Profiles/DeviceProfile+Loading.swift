import Detection
import DeviceCodecs
import YAMLConfig
import GatewayModel

extension DeviceProfile {
    private static let keys: Set<String> = ["name", "description", "transport", "decoder", "lane", "json", "channels"]
    private static let channelKeys: Set<String> = ["mdc", "loinc", "display", "unit", "source", "scale", "offset", "alarms"]
    private static let alarmKeys: Set<String> = ["above", "below", "for", "hysteresis", "priority"]

    /// Loads and checks one profile file.
    public static func load(path: String) throws(ConfigError) -> DeviceProfile {
        try parse(YAMLDocument.load(path: path))
    }

    /// Parses profile text (used by tests and by `profile validate` on stdin).
    public static func parse(text: String, file: String) throws(ConfigError) -> DeviceProfile {
        try parse(YAMLDocument.parse(text, file: file))
    }

    private static func parse(_ document: YAMLDocument) throws(ConfigError) -> DeviceProfile {
        let map = try document.root.mapping(allowed: keys)
        let name = try map.required("name").identifier()
        let transportValue = try map.required("transport")
        let transport = TransportKind(rawValue: try transportValue.choice(TransportKind.allCases.map(\.rawValue)))!
        let laneValue = try map.required("lane")
        let lane = Lane(rawValue: try laneValue.choice(Lane.allCases.map(\.rawValue)))!
        let decoderValue = try map.required("decoder")
        let decoder: DecoderSpec
        switch try decoderValue.choice(["senml", "json-map"]) {
        case "senml":
            if let json = map["json"] { throw json.error("'json' options apply only to the json-map decoder") }
            decoder = .senml
        default:
            let options = try map["json"]?.mapping(allowed: ["time", "timeUnit"])
            let unit = try options?["timeUnit"].map { value throws(ConfigError) in
                JSONTimeUnit(rawValue: try value.choice(JSONTimeUnit.allCases.map(\.rawValue)))!
            } ?? .ms
            decoder = .jsonMap(timePath: try options?["time"]?.nonEmptyString(), timeUnit: unit)
        }
        let channelsValue = try map.required("channels")
        var channels: [ProfileChannel] = []
        for (_, channelName, value) in try channelsValue.namedEntries() {
            channels.append(try parseChannel(channelName, value))
        }
        guard !channels.isEmpty else { throw channelsValue.error("a profile needs at least one channel") }
        var sources: Set<String> = []
        for channel in channels where !sources.insert(channel.source).inserted {
            throw channelsValue.error("two channels read the same source '\(channel.source)'")
        }
        return DeviceProfile(
            name: name, description: try map["description"]?.string() ?? "", file: document.file,
            transport: transport, decoder: decoder, lane: lane, channels: channels
        )
    }

    private static func parseChannel(_ name: String, _ value: YAMLValue) throws(ConfigError) -> ProfileChannel {
        let map = try value.mapping(allowed: channelKeys)
        let mdc = try map["mdc"].map { value throws(ConfigError) in UInt32(try value.int(in: 1...Int(UInt32.max))) }
        let loincValue = map["loinc"]
        let loinc = try loincValue?.nonEmptyString()
        if let loinc, let loincValue, loinc.range(of: #"^\d{1,7}-\d$"#, options: .regularExpression) == nil {
            throw loincValue.error("'\(loincValue.path)' must be a LOINC code such as 8867-4, found '\(loinc)'")
        }
        guard mdc != nil || loinc != nil else {
            throw value.error("channel '\(name)' needs a code: 'mdc' and/or 'loinc'")
        }
        let unit = try map.required("unit").string()
        let descriptor = ChannelDescriptor(
            name: name, code: ChannelCode(mdc: mdc, loinc: loinc, display: try map["display"]?.nonEmptyString()), unit: unit
        )
        var alarms: [LimitRule] = []
        if let list = map["alarms"] {
            for item in try list.sequence() { alarms.append(try parseAlarm(item)) }
        }
        return ProfileChannel(
            descriptor: descriptor, source: try map["source"]?.nonEmptyString() ?? name,
            scale: try map["scale"]?.double() ?? 1, offset: try map["offset"]?.double() ?? 0, alarms: alarms
        )
    }

    private static func parseAlarm(_ value: YAMLValue) throws(ConfigError) -> LimitRule {
        let map = try value.mapping(allowed: alarmKeys)
        let bound: LimitRule.Bound
        switch (map["above"], map["below"]) {
        case let (above?, nil): bound = .above(try above.double())
        case let (nil, below?): bound = .below(try below.double())
        default: throw value.error("an alarm needs exactly one of 'above' or 'below'")
        }
        let priorityValue = try map.required("priority")
        let priority = AlarmPriority(rawValue: try priorityValue.choice(AlarmPriority.allCases.map(\.rawValue)))!
        let hysteresis = try map["hysteresis"]?.double() ?? 0
        if hysteresis < 0, let node = map["hysteresis"] { throw node.error("'hysteresis' must not be negative") }
        return LimitRule(bound: bound, delay: try map["for"]?.duration() ?? .zero, hysteresis: hysteresis, priority: priority)
    }
}
