import Foundation
import GatewayModel

/// The unit of a JSON mapping's time field.
public enum JSONTimeUnit: String, Sendable, CaseIterable {
    case s
    case ms
    case iso8601
}

/// Decodes device JSON whose layout a profile describes: each channel is a path to a number.
public struct JSONMapDecoder: Sendable {
    public let paths: [JSONPath]
    public let timePath: JSONPath?
    public let timeUnit: JSONTimeUnit

    public init(paths: [JSONPath], timePath: JSONPath?, timeUnit: JSONTimeUnit) {
        self.paths = paths
        self.timePath = timePath
        self.timeUnit = timeUnit
    }

    /// Returns one value per mapped path present in the payload, named by its path.
    /// A `null` becomes "no value"; a path of the wrong type is an error.
    public func decode(_ payload: Data, nowUnixMs: Int64) throws(DecodeError) -> [DecodedValue] {
        let document: JSONValue
        do { document = try JSONDecoder().decode(JSONValue.self, from: payload) } catch {
            throw DecodeError("not JSON: \(SenMLDecoder.describe(error))")
        }
        guard case .object = document else { throw DecodeError("expected a JSON object at the top level") }
        var status: MeasurementStatus = []
        let time = try timestamp(in: document, now: nowUnixMs, status: &status)
        var values: [DecodedValue] = []
        for path in paths {
            switch document.value(at: path) {
            case nil: continue
            case .null?: values.append(DecodedValue(name: path.description, timeUnixMs: time, value: nil, status: status))
            case let .number(number)?: values.append(DecodedValue(name: path.description, timeUnixMs: time, value: number, status: status))
            case let .string(text)? where Double(text)?.isFinite == true:
                values.append(DecodedValue(name: path.description, timeUnixMs: time, value: Double(text), status: status))
            case let other?: throw DecodeError("'\(path)' is \(Self.kind(other)), expected a number")
            }
        }
        guard !values.isEmpty else { throw DecodeError("none of the mapped fields is present") }
        return values
    }

    private func timestamp(in document: JSONValue, now: Int64, status: inout MeasurementStatus) throws(DecodeError) -> Int64 {
        guard let timePath, let raw = document.value(at: timePath) else {
            status.insert(.gatewayTime)
            return now
        }
        switch (timeUnit, raw) {
        case let (.s, .number(seconds)) where Self.plausibleUnixMs(seconds * 1000): return Int64((seconds * 1000).rounded())
        case let (.ms, .number(ms)) where Self.plausibleUnixMs(ms): return Int64(ms.rounded())
        case let (.iso8601, .string(text)):
            if let date = try? Date(text, strategy: .iso8601) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
            throw DecodeError("'\(timePath)' is not an ISO 8601 time: '\(text)'")
        default:
            throw DecodeError("'\(timePath)' is \(Self.kind(raw)), expected a time in \(timeUnit.rawValue)")
        }
    }

    /// 1970 to the year 5138: keeps later arithmetic on times far from Int64 overflow.
    private static func plausibleUnixMs(_ ms: Double) -> Bool { ms.isFinite && ms >= 0 && ms < 1e14 }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
