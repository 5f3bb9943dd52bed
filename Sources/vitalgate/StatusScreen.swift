import Foundation
import Gateway

/// Terminal colours, used only on a terminal and never with `NO_COLOR`.
struct Palette: Sendable {
    let enabled: Bool

    static func forStandardOutput() -> Palette {
        Palette(enabled: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func bold(_ text: String) -> String { paint(text, "1") }

    private func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

/// Renders the status document as the one screen an operator reads.
struct StatusScreen {
    let document: StatusDocument
    let palette: Palette
    private let now = Date().timeIntervalSince1970

    init(document: StatusDocument, palette: Palette) {
        self.document = document
        self.palette = palette
    }

    func render() -> String {
        [header(), upstream(), queue(), devices(), alarms()].joined(separator: "\n")
    }

    private func header() -> String {
        palette.bold("\(document.gatewayId)") + " · up \(Self.age(document.uptimeSeconds)) · vitalgate \(document.version)"
    }

    func upstream() -> String {
        let up = document.upstream
        let state = up.connected ? palette.green("connected") : palette.red("DISCONNECTED")
        var line = "upstream  \(up.url)  \(state)\(since(up)) · \(lastAck(up)) · in flight \(up.inflight) · reconnects \(up.reconnects)"
        if !up.connected, let error = up.lastError { line += "\n          " + palette.red(error) }
        if let alarm = document.alarmConnection { line += "\n" + alarmConnection(alarm, mainConnected: up.connected) }
        return line
    }

    /// " for 5.8s": how long a connection has been up (or down, once one has ended).
    private func since(_ connection: StatusDocument.Upstream) -> String {
        connection.sinceUnixMs.map { " for \(Self.age(now - Double($0) / 1000))" } ?? ""
    }

    private func lastAck(_ connection: StatusDocument.Upstream) -> String {
        connection.lastAckUnixMs.map { "last PUBACK \(Self.age(now - Double($0) / 1000)) ago" } ?? "no PUBACK yet"
    }

    /// The alarm-only connection: down, alarms still go, over the main connection, which the line says.
    func alarmConnection(_ alarm: StatusDocument.Upstream, mainConnected: Bool) -> String {
        guard alarm.connected else {
            let route = mainConnected ? "alarms go over the main connection" : "alarms wait in the queue for either connection"
            var line = "alarms    " + palette.yellow("separate connection down") + "\(since(alarm)) · \(route)"
            if let error = alarm.lastError { line += "\n          " + palette.yellow(error) }
            return line
        }
        return "alarms    separate connection \(palette.green("connected"))\(since(alarm)) · \(lastAck(alarm)) · in flight \(alarm.inflight) · reconnects \(alarm.reconnects)"
    }

    func queue() -> String {
        let queue = document.queue
        // Explicit String types: GRDB's SQL is also string-interpolatable and is visible here.
        let lanes: String = ["alarm", "vital", "wave"].map { (lane: String) -> String in
            let figures = queue.lanes[lane]
            return "\(lane) \(figures?.batches ?? 0) (\(Self.bytes(figures?.bytes ?? 0)))"
        }.joined(separator: " · ")
        let drops: [String] = queue.droppedByReason.flatMap { lane, reasons in reasons.map { (reason: (key: String, value: Int64)) -> String in "\(lane)/\(reason.key) \(reason.value)" } }.sorted()
        var line = "queue     \(queue.batches) batches, \(Self.bytes(queue.bytes)) of \(Self.bytes(queue.maxBytes))"
        line += queue.oldestAgeSeconds.map { ", oldest \(Self.age($0))" } ?? ""
        line += " · \(lanes)"
        line += " · dropped: " + (drops.isEmpty ? "none" : palette.yellow(drops.joined(separator: ", ")))
        if let degraded = queue.degraded { line += "\n          " + palette.red("DEGRADED: \(degraded)") }
        if let moved = queue.quarantinedFile { line += "\n          " + palette.yellow("a corrupt queue was moved aside to \(moved)") }
        return line
    }

    func devices() -> String {
        var rows = [["DEVICE", "PROFILE", "SOURCE", "STATE", "LAST SEEN", "SAMPLES", "ERRORS", "CONDITIONS"]]
        for device in document.devices {
            let seen = device.lastSeenUnixMs.map { Self.age(now - Double($0) / 1000) + " ago" } ?? "never"
            rows.append([
                device.id, device.profile, device.source, device.state, seen, "\(device.samples)", "\(device.decodeErrors)",
                device.conditions.joined(separator: ","),
            ])
        }
        return "devices\n" + table(rows) { column, value in
            guard column == 3 else { return value }
            switch value.trimmingCharacters(in: .whitespaces) {
            case "ok": return palette.green(value)
            case "stale", "waiting": return palette.yellow(value)
            case "STATE": return value
            default: return palette.red(value)
            }
        }
    }

    func alarms() -> String {
        guard !document.alarms.isEmpty else { return "alarms    none active" }
        var rows = [["PRIORITY", "DEVICE", "CHANNEL", "RULE", "FOR", "VALUE"]]
        for alarm in document.alarms {
            rows.append([
                alarm.priority.uppercased(), alarm.device, alarm.channel, alarm.rule, Self.age(now - Double(alarm.since) / 1000),
                alarm.value.map { String(format: "%g", $0) } ?? "-",
            ])
        }
        return "alarms\n" + table(rows) { column, value in
            column == 0 && value.hasPrefix("HIGH") ? palette.red(value) : (column == 0 && value.hasPrefix("MEDIUM") ? palette.yellow(value) : value)
        }
    }

    private func table(_ rows: [[String]], style: (Int, String) -> String) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, value in style(column, value.padding(toLength: widths[column], withPad: " ", startingAt: 0)) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func age(_ seconds: Double) -> String {
        let value = max(0, seconds)
        switch value {
        case ..<10: return String(format: "%.1fs", value)
        case ..<120: return "\(Int(value))s"
        case ..<7200: return "\(Int(value / 60))m"
        case ..<172_800: return "\(Int(value / 3600))h\(Int(value.truncatingRemainder(dividingBy: 3600) / 60))m"
        default: return "\(Int(value / 86400))d"
        }
    }

    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch value {
        case ..<1024: return "\(count) B"
        case ..<1_048_576.0: return String(format: "%.1f KiB", value / 1024)
        case ..<1_073_741_824.0: return String(format: "%.1f MiB", value / 1_048_576)
        default: return String(format: "%.2f GiB", value / 1_073_741_824)
        }
    }
}
