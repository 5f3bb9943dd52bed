import Foundation
import GatewayModel

/// Decodes text lines whose layout a profile describes: CSV columns or `key=value` pairs mapped to value names.
public struct LineMappingDecoder: ByteStreamDecoder {
    /// How a line is laid out and which of its fields carry which values.
    public enum Format: Sendable, Equatable {
        /// Fields split by `separator` (double quotes may enclose a separator; a whitespace separator also
        /// merges runs of it, for column-aligned output); `columns` maps 0-based column indexes to value names.
        case csv(separator: Character, columns: [Int: String], timeColumn: Int? = nil)
        /// Pairs split from each other by `pairSeparator` and into key and value by `separator`:
        /// `HR=72,SPO2=97` is `separator: "="`, `pairSeparator: ","`. `keys` maps device keys to value names.
        case keyValue(separator: Character, pairSeparator: Character, keys: [String: String], timeKey: String? = nil)
    }

    public static let maxLineBytes = 512

    public let format: Format
    public let timeUnit: JSONTimeUnit
    private var lines = SerialLineSplitter(maxLineBytes: LineMappingDecoder.maxLineBytes)

    public init(format: Format, timeUnit: JSONTimeUnit = .ms) {
        self.format = format
        self.timeUnit = timeUnit
    }

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var splitter = lines
        let batch = splitter.decode(bytes, label: "") { parse($0, nowUnixMs: nowUnixMs).map { DecodedBatch(values: $0) } }
        lines = splitter
        return batch
    }

    /// A mapped field that is blank or not a number is a value the device does not have (absent); a line
    /// with none of the mapped fields, or with a time that does not parse, is an error. A result, not a
    /// throw: on a noisy line errors are the common case, and every throw runs the runtime's willThrow hook.
    func parse(_ line: String, nowUnixMs: Int64) -> Result<[DecodedValue], DecodeError> {
        var fields: [(name: String, text: String)] = []
        var timeText: String?
        switch format {
        case let .csv(separator, columns, timeColumn):
            let cells = Self.splitCSV(line, separator: separator)
            for index in columns.keys.sorted() where cells.indices.contains(index) {
                fields.append((columns[index] ?? "", cells[index]))
            }
            if let timeColumn, cells.indices.contains(timeColumn) { timeText = cells[timeColumn] }
            guard !fields.isEmpty else { return .failure(DecodeError("none of the mapped columns is in a line of \(cells.count) fields")) }
        case let .keyValue(separator, pairSeparator, keys, timeKey):
            for pair in line.split(separator: pairSeparator) {
                guard let split = pair.firstIndex(of: separator) else { continue }
                let key = pair[..<split].trimmingCharacters(in: .whitespaces)
                let text = pair[pair.index(after: split)...].trimmingCharacters(in: .whitespaces)
                if let name = keys[key] { fields.append((name, text)) }
                if key == timeKey { timeText = text }
            }
            guard !fields.isEmpty else { return .failure(DecodeError("none of the mapped keys is in the line")) }
        }
        var status: MeasurementStatus = []
        let time: Int64
        if let timeText, !timeText.isEmpty {
            guard let deviceTime = timestamp(timeText) else {
                return .failure(DecodeError("time '\(Self.excerpt(timeText))' is not a time in \(timeUnit.rawValue)"))
            }
            time = deviceTime
        } else {
            time = nowUnixMs
            status.insert(.gatewayTime)
        }
        return .success(
            fields.map { field in
                let number = Double(field.text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
                return DecodedValue(name: field.name, timeUnixMs: time, value: number, status: status)
            }
        )
    }

    private func timestamp(_ text: String) -> Int64? {
        switch timeUnit {
        case .s, .ms:
            let scale = timeUnit == .s ? 1000.0 : 1.0
            // 1970 to the year 5138, as for JSON: far from Int64 overflow in later arithmetic.
            guard let number = Double(text), number.isFinite, number * scale >= 0, number * scale < 1e14 else { return nil }
            return Int64((number * scale).rounded())
        case .iso8601:
            guard let date = try? Date(text, strategy: .iso8601) else { return nil }
            let ms = date.timeIntervalSince1970 * 1000
            return ms.isFinite && ms >= 0 && ms < 1e14 ? Int64(ms.rounded()) : nil
        }
    }

    /// Cells trimmed of spaces, quotes removed (`""` inside quotes is one quote).
    static func splitCSV(_ line: String, separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var wasQuoted = false
        var characters = line.makeIterator()
        var lookahead: Character?
        while let character = lookahead ?? characters.next() {
            lookahead = nil
            if quoted {
                if character == "\"" {
                    lookahead = characters.next()
                    if lookahead == "\"" {
                        cell.append("\"")
                        lookahead = nil
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == separator {
                cells.append(wasQuoted ? cell : cell.trimmingCharacters(in: .whitespaces))
                cell = ""
                wasQuoted = false
            } else if character == "\"", cell.allSatisfy(\.isWhitespace) {
                cell = ""
                quoted = true
                wasQuoted = true
            } else {
                cell.append(character)
            }
        }
        cells.append(wasQuoted ? cell : cell.trimmingCharacters(in: .whitespaces))
        if separator.isWhitespace { cells.removeAll { $0.isEmpty } }
        return cells
    }

    private static func excerpt(_ text: String) -> String {
        text.count > 32 ? String(text.prefix(32)) + "…" : text
    }
}
