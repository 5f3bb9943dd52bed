import Foundation

/// Test traffic with known values: message `i` of device `d` carries one reading whose time and
/// value identify it, so the receiver's output can be compared value by value.
struct SenMLTraffic {
    static let baseMs: Int64 = 1_764_000_000_000

    struct Sent: Hashable {
        var device: String
        var channel: String
        var timeMs: Int64
        var value: Double
    }

    /// `count` messages spread round-robin over `devices`, HR within limits (no alarms).
    static func heartRates(count: Int, devices: Int, offset: Int = 0) -> (messages: [(topic: String, payload: String)], sent: [Sent]) {
        var messages: [(String, String)] = []
        var sent: [Sent] = []
        for index in offset..<(offset + count) {
            let device = "dev\(index % devices)"
            let timeMs = baseMs + Int64(index) * 10
            let value = Double(60 + index % 50)
            messages.append(("sensors/\(device)/vitals", pack(device: device, timeMs: timeMs, records: [("hr", "beat/min", value)])))
            sent.append(Sent(device: device, channel: "hr", timeMs: timeMs, value: value))
        }
        return (messages, sent)
    }

    static func pack(device: String, timeMs: Int64, records: [(name: String, unit: String, value: Double)]) -> String {
        let time = String(format: "%.3f", Double(timeMs) / 1000)
        let body = records.enumerated().map { index, record in
            let base = index == 0 ? "\"bn\":\"urn:dev:lab:\(device):\",\"bt\":\(time)," : ""
            return "{\(base)\"n\":\"\(record.name)\",\"u\":\"\(record.unit)\",\"v\":\(record.value)}"
        }
        return "[\(body.joined(separator: ","))]"
    }

    static func isoTime(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
