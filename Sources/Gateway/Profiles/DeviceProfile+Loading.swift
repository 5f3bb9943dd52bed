import Detection
import DeviceCodecs
import Transport
import YAMLConfig
import GatewayModel

extension DeviceProfile {
    private static let keys: Set<String> = [
        "name", "description", "transport", "serial", "decoder", "lane", "channels", "json", "masimo", "csv", "keyValue", "cobs",
    ]
    /// Each decoder's options key, if it has one; any other options key is an error.
    private static let optionKeys: [String: String] = [
        "json-map": "json", "masimo-ascii": "masimo", "csv": "csv", "key-value": "keyValue", "cobs-waveform": "cobs",
    ]
    private static let channelKeys = Set(["mdc", "loinc", "display", "unit", "source", "scale", "offset", "alarms"]).union(analysisKeys)
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
        let decoderName = try decoderValue.choice(DecoderSpec.names)
        for (decoder, key) in optionKeys where decoder != decoderName {
            if let stray = map[key] { throw stray.error("'\(key)' options apply only to the \(decoder) decoder") }
        }
        let decoder = try parseDecoder(decoderName, options: map)
        if decoder.readsByteStream != (transport == .serial) {
            throw decoderValue.error("the \(decoderName) decoder \(decoder.readsByteStream ? "reads a serial byte stream and needs 'transport: serial'" : "reads messages and cannot be used with 'transport: serial'")")
        }
        var serial: SerialSettings?
        if transport == .serial {
            serial = try parseSerial(try map.required("serial"))
        } else if let stray = map["serial"] {
            throw stray.error("'serial' settings apply only to 'transport: serial'")
        }
        let channelsValue = try map.required("channels")
        var channels: [ProfileChannel] = []
        for (_, channelName, value) in try channelsValue.namedEntries() {
            channels.append(try parseChannel(channelName, value))
        }
        guard !channels.isEmpty else { throw channelsValue.error("a profile needs at least one channel") }
        var sources: Set<String> = []
        for channel in channels where !sources.insert(Self.sourceKey(channel.source, decoder: decoder)).inserted {
            throw channelsValue.error("two channels read the same source '\(channel.source)'")
        }
        return DeviceProfile(
            name: name, description: try map["description"]?.string() ?? "", file: document.file,
            transport: transport, decoder: decoder, serial: serial, lane: lane, channels: channels
        )
    }

    /// What a source names for the decoder: CSV columns by number, so "1" and "01" are one column.
    private static func sourceKey(_ source: String, decoder: DecoderSpec) -> String {
        guard case .lines(.csv) = decoder, let column = Int(source) else { return source }
        return String(column)
    }

    private static func parseDecoder(_ name: String, options map: YAMLMapping) throws(ConfigError) -> DecoderSpec {
        switch name {
        case "senml":
            return .senml
        case "json-map":
            let options = try map["json"]?.mapping(allowed: ["time", "timeUnit"])
            let unit = try options?["timeUnit"].map { value throws(ConfigError) in
                JSONTimeUnit(rawValue: try value.choice(JSONTimeUnit.allCases.map(\.rawValue)))!
            } ?? .ms
            return .jsonMap(timePath: try options?["time"]?.nonEmptyString(), timeUnit: unit)
        case "masimo-ascii":
            let options = try map["masimo"]?.mapping(allowed: ["dateOrder"])
            return .masimoASCII(dateOrder: try options?["dateOrder"]?.choice(["MM/DD/YY", "DD/MM/YY", "YY/MM/DD"]) ?? "MM/DD/YY")
        case "nonin-2", "nonin-7", "nonin-8":
            return .nonin(format: Int(name.dropFirst("nonin-".count))!)
        case "csv":
            let options = try map["csv"]?.mapping(allowed: ["separator", "timeColumn"])
            let separator = try options?["separator"].map(singleCharacter) ?? ","
            return .lines(.csv(separator: separator, timeColumn: try options?["timeColumn"]?.int(in: 0...255)))
        case "key-value":
            let options = try map["keyValue"]?.mapping(allowed: ["separator", "pairSeparator", "timeKey"])
            return .lines(.keyValue(
                separator: try options?["separator"].map(singleCharacter) ?? "=",
                pairSeparator: try options?["pairSeparator"].map(singleCharacter) ?? " ",
                timeKey: try options?["timeKey"]?.nonEmptyString()
            ))
        case "cobs-waveform":
            let options = try map.required("cobs").mapping(allowed: ["sampleFormat", "channels", "sampleRate"])
            let format = try options.required("sampleFormat").choice(["int16", "int24"])
            let channels = try options.required("channels").sequence().map { value throws(ConfigError) in try value.nonEmptyString() }
            guard !channels.isEmpty else { throw options.owner.error("'cobs.channels' needs at least one channel") }
            let rateValue = try options.required("sampleRate")
            let rate = try rateValue.double()
            guard (1...10_000).contains(rate) else { throw rateValue.error("'cobs.sampleRate' must be between 1 and 10000 Hz") }
            return .cobsWaveform(sampleBits: format == "int16" ? 16 : 24, channels: channels, sampleRateHz: rate)
        default:
            return .bleGATT
        }
    }

    private static func singleCharacter(_ value: YAMLValue) throws(ConfigError) -> Character {
        let text = try value.string()
        guard text.count == 1, let character = text.first else { throw value.error("'\(value.path)' must be one character, found '\(text)'") }
        return character
    }

    private static func parseSerial(_ value: YAMLValue) throws(ConfigError) -> SerialSettings {
        let map = try value.mapping(allowed: ["baud", "dataBits", "parity", "stopBits", "flowControl"])
        let baudValue = try map.required("baud")
        let baud = try baudValue.int()
        guard SerialSettings.supportedBaudRates.contains(baud) else {
            throw baudValue.error("'serial.baud' must be one of \(SerialSettings.supportedBaudRates.map(String.init).joined(separator: ", ")), found \(baud)")
        }
        return SerialSettings(
            baudRate: baud, dataBits: try map["dataBits"]?.int(in: 5...8) ?? 8,
            parity: SerialSettings.Parity(rawValue: try map["parity"]?.choice(SerialSettings.Parity.allCases.map(\.rawValue)) ?? "none")!,
            stopBits: try map["stopBits"]?.int(in: 1...2) ?? 1,
            flowControl: SerialSettings.FlowControl(rawValue: try map["flowControl"]?.choice(SerialSettings.FlowControl.allCases.map(\.rawValue)) ?? "none")!
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
            scale: try map["scale"]?.double() ?? 1, offset: try map["offset"]?.double() ?? 0, alarms: alarms,
            analysis: try parseAnalysis(map)
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
