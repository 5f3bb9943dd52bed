import GatewayModel

/// Decodes the ASCII lines a Masimo Radical-7 / Rad-97 / Rad-8 prints once a second on its serial port.
public struct MasimoASCIIDecoder: ByteStreamDecoder {
    /// The order of the fields of the line's date, a device setting.
    public enum DateOrder: String, Sendable, CaseIterable {
        case monthDayYear = "MM/DD/YY"
        case dayMonthYear = "DD/MM/YY"
        case yearMonthDay = "YY/MM/DD"
    }

    /// A real line is about 150 bytes; anything far longer is noise or the wrong baud rate.
    public static let maxLineBytes = 512

    private static let fields: [String: (name: String, unit: String?)] = [
        "SPO2": ("spo2", "%"), "BPM": ("pr", "/min"), "PI": ("pi", "%"), "SPCO": ("spco", "%"),
        "SPMET": ("spmet", "%"), "PVI": ("pvi", "1"), "DESAT": ("desat", nil), "PIDELTA": ("pidelta", nil),
    ]

    public let dateOrder: DateOrder
    private var lines = SerialLineSplitter(maxLineBytes: MasimoASCIIDecoder.maxLineBytes)

    public init(dateOrder: DateOrder = .monthDayYear) {
        self.dateOrder = dateOrder
    }

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var splitter = lines
        let batch = splitter.decode(bytes, label: "Masimo: ") { parse($0, nowUnixMs: nowUnixMs) }
        lines = splitter
        return batch
    }

    /// All or nothing: with no checksum on the line, one malformed field makes every other field suspect.
    /// A result, not a throw: on a noisy line errors are the common case, and every throw runs the
    /// runtime's willThrow hook (under Swift Testing, a backtrace capture).
    func parse(_ line: String, nowUnixMs: Int64) -> Result<DecodedBatch, DecodeError> {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard tokens.count >= 3 else {
            return .failure(DecodeError("Masimo: expected a date, a time and fields, got \(tokens.count) words"))
        }
        guard let stamp = Self.stamp(date: tokens[0], time: tokens[1]) else {
            return .failure(DecodeError("Masimo: '\(Self.excerpt(tokens[0])) \(Self.excerpt(tokens[1]))' is not a date and time"))
        }
        var status: MeasurementStatus = []
        let time: Int64
        if let deviceTime = stamp.unixMs(dateOrder) {
            // The device prints local time of an unknown zone: it is read as UTC rather than guessed.
            time = deviceTime
        } else {
            time = nowUnixMs
            status.insert(.gatewayTime)
        }
        var readings: [(name: String, value: Double?, unit: String?)] = []
        var conditions: [DeviceCondition] = []
        for token in tokens.dropFirst(2) {
            guard let equals = token.firstIndex(of: "="), equals != token.startIndex else {
                return .failure(DecodeError("Masimo: '\(Self.excerpt(token))' is not KEY=VALUE"))
            }
            let key = String(token[..<equals])
            let text = token[token.index(after: equals)...]
            if let field = Self.fields[key] {
                switch Self.number(text) {
                case let .value(number): readings.append((field.name, number, field.unit))
                case .absent: readings.append((field.name, nil, field.unit))
                case .malformed: return .failure(DecodeError("Masimo: \(key) value '\(Self.excerpt(text))' is not a number"))
                }
            } else if key == "ALARM" || key == "EXC" {
                let bits: UInt32
                switch Self.hex(text) {
                case let .value(value): bits = value
                case .absent: continue
                case .malformed: return .failure(DecodeError("Masimo: \(key) value '\(Self.excerpt(text))' is not hexadecimal"))
                }
                // Every known bit on every line, set or not: the consumer raises and clears on changes.
                for bit in key == "EXC" ? MasimoStatusBits.exceptions : MasimoStatusBits.alarms {
                    let active = bits & bit.mask != 0
                    conditions.append(DeviceCondition(code: bit.code, active: active, timeUnixMs: time))
                    if active { status.formUnion(bit.status) }
                }
            }
            // Other keys (SN, parameters of other models) carry nothing the gateway maps.
        }
        guard !readings.isEmpty || !conditions.isEmpty else { return .failure(DecodeError("Masimo: no known field in the line")) }
        let values = readings.map { DecodedValue(name: $0.name, timeUnixMs: time, value: $0.value, unit: $0.unit, status: status) }
        return .success(DecodedBatch(values: values, conditions: conditions))
    }

    private enum FieldValue<Value> {
        case value(Value)
        /// The device's dashes: it has no value.
        case absent
        case malformed
    }

    /// Dashes (`---`, `--.-`, `+--`) mean the device has no value; anything else must be a plain decimal.
    private static func number(_ field: Substring) -> FieldValue<Double> {
        let text = field.hasSuffix("%") ? field.dropLast() : field
        if !text.isEmpty, text.contains("-"), text.allSatisfy({ $0 == "-" || $0 == "+" || $0 == "." }) { return .absent }
        guard isPlainDecimal(text), let value = Double(text) else { return .malformed }
        return .value(value)
    }

    /// Stricter than `Double(_:)`, which would take "nan", "inf" or hex from a garbled line.
    private static func isPlainDecimal(_ text: Substring) -> Bool {
        var digits = text
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(isDigit) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(isDigit))
    }

    private static func hex(_ text: Substring) -> FieldValue<UInt32> {
        if !text.isEmpty, text.allSatisfy({ $0 == "-" }) { return .absent }
        guard (1...8).contains(text.count), text.allSatisfy(\.isHexDigit), let bits = UInt32(text, radix: 16) else { return .malformed }
        return .value(bits)
    }

    /// The date and time fields as numbers; nil fields (dashes, a device without a set clock) parse as nil.
    private struct Stamp {
        var date: [Int?]
        var time: [Int?]

        func unixMs(_ order: DateOrder) -> Int64? {
            guard let a = date[0], let b = date[1], let c = date[2], let hour = time[0], let minute = time[1], let second = time[2] else {
                return nil
            }
            // Two-digit years: the devices that print them were made after 2000.
            let (year, month, day) =
                switch order {
                case .monthDayYear: (2000 + c, a, b)
                case .dayMonthYear: (2000 + c, b, a)
                case .yearMonthDay: (2000 + a, b, c)
                }
            return SerialCivilTime.unixMs(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// Only the shape (`??/??/?? ??:??:??`) decides whether the line is malformed; bad digits fall back to gateway time.
    private static func stamp(date: Substring, time: Substring) -> Stamp? {
        guard let datePart = twoDigitTriple(date, separator: "/"), let timePart = twoDigitTriple(time, separator: ":") else { return nil }
        return Stamp(date: datePart, time: timePart)
    }

    private static func twoDigitTriple(_ text: Substring, separator: Character) -> [Int?]? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }) else { return nil }
        return parts.map { $0.allSatisfy(isDigit) ? Int($0) : nil }
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }

    /// Error messages quote device text; bound it so garbage cannot flood the log.
    private static func excerpt(_ text: Substring) -> String {
        text.count > 24 ? String(text.prefix(24)) + "…" : String(text)
    }
}
