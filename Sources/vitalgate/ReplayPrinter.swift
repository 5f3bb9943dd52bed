import Foundation
import Gateway
import GatewayModel
import NIOConcurrencyHelpers

/// Prints what a replay's analysis finds: JSON lines (beats and events only) or a short summary.
final class ReplayPrinter: Sendable {
    private struct Counts {
        /// Per device (bed), per signal.
        var beats: [String: [String: Int]] = [:]
        var events: [String] = []
    }

    private let json: Bool
    private let counts = NIOLockedValueBox(Counts())

    init(json: Bool) {
        self.json = json
    }

    func take(_ output: AnalysisOutput) {
        var lines = ""
        counts.withLockedValue { counts in
            for beat in output.beats {
                counts.beats[beat.device, default: [:]][beat.channel, default: 0] += 1
                if json { lines += "{\"type\":\"beat\",\"signal\":\(Self.quoted(beat.channel)),\"sample\":\(beat.sampleIndex)}\n" }
            }
            for event in output.events {
                counts.events.append("\(event.kind.rawValue) \(event.priority.rawValue) \(event.rule) on \(event.channel.name) at \(event.timeUnixMs)")
                if json { lines += Self.line(event) + "\n" }
            }
        }
        if !lines.isEmpty { FileHandle.standardOutput.write(Data(lines.utf8)) }
    }

    /// The summary for a terminal; nothing in JSON mode, where stdout carries only beats and events.
    func summary(seconds: Double) -> String? {
        guard !json else { return nil }
        return counts.withLockedValue { counts in
            // One bed keeps the plain "MLII: 2273 beats" form; several name their bed.
            let named = counts.beats.count > 1
            var lines: [String] = []
            for (device, signals) in counts.beats.sorted(by: { $0.key < $1.key }) {
                for (signal, beats) in signals.sorted(by: { $0.key < $1.key }) {
                    let rate = Int((Double(beats) * 60 / max(seconds, 1)).rounded())
                    lines.append("\(named ? "\(device) " : "")\(signal): \(beats) beats, mean rate \(rate) /min")
                }
            }
            lines.append("\(counts.events.count) event(s)")
            lines += counts.events.map { "  \($0)" }
            return lines.joined(separator: "\n")
        }
    }

    private static func line(_ event: Event) -> String {
        var fields = [
            "\"type\":\"event\"", "\"kind\":\(quoted(event.kind.rawValue))", "\"rule\":\(quoted(event.rule))",
            "\"priority\":\(quoted(event.priority.rawValue))", "\"device\":\(quoted(event.device))",
            "\"signal\":\(quoted(event.channel.name))", "\"time\":\(event.timeUnixMs)",
        ]
        if let onset = event.onsetUnixMs { fields.append("\"onset\":\(onset)") }
        if let value = event.value, value.isFinite { fields.append("\"value\":\(value)") }
        fields.append("\"message\":\(quoted(event.message))")
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
