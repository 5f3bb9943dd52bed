import Foundation
import LocalLab
import Testing
import WFDB

/// `vitalgate replay` on MIT-BIH record 100: the analysis alone, and the whole gateway.
@Suite(.serialized) struct ReplayTests {
    static let record = GatewayLab.repository + "/TestData/mitdb/100"

    /// The replay's stdout as (signal, sample) beats; every line must be a beat or an event.
    func beats(_ output: String) throws -> (beats: [String: [Int]], events: Int) {
        var beats: [String: [Int]] = [:]
        var events = 0
        for line in output.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            switch object["type"] as? String {
            case "beat": beats[object["signal"] as? String ?? "", default: []].append(object["sample"] as? Int ?? -1)
            case "event": events += 1
            default: Issue.record("stdout carries only beats and events: \(line)")
            }
        }
        return (beats, events)
    }

    /// stdout only; stderr goes to a file, shown when the command fails.
    func replay(_ arguments: [String]) throws -> String {
        let scratch = TempDirectory(prefix: "vitalgate-replay")
        defer { scratch.remove() }
        let errors = scratch.file("stderr")
        let command = "'\(GatewayLab.binary)' replay \(arguments.joined(separator: " ")) 2>'\(errors)'"
        let result = try ChildProcess.capture("/bin/sh", ["-c", command], timeout: .seconds(600))
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        try #require(result.status == 0, "replay failed: \(stderr.suffix(1500))")
        return result.output
    }

    @Test func record100BeatsMatchTheReferenceAnnotations() throws {
        let found = try beats(try replay(["--record", Self.record, "--max-speed", "--json"]))
        let reference = try WFDBAnnotationReader.read(path: Self.record + ".atr").filter(\.isBeat).map(\.sample)
        let score = BeatMatcher().match(reference: reference, detected: found.beats["MLII"] ?? [], sampleRate: 360)
        #expect(score.sensitivity >= 0.999, "Se \(score.sensitivity), missed \(score.missedReferences.prefix(10))")
        #expect(score.positivePredictivity >= 0.999, "+P \(score.positivePredictivity), false \(score.falseDetections.prefix(10))")
        #expect(score.meanAbsoluteErrorMilliseconds < 10, "mean timing error \(score.meanAbsoluteErrorMilliseconds) ms")
        #expect(found.events == 0, "a clean sinus record raises no alarm")
        #expect((found.beats["V5"]?.count ?? 0) > 2200, "every ECG lead is analysed")
    }

    @Test func replayThroughTheGatewayGivesTheSameBeatsAndDeliversTheWaveform() async throws {
        let alone = try beats(try replay(["--record", Self.record, "--max-speed", "--json"]))
        let lab = try GatewayLab(GatewayLab.Options(devices: 0))
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        let piped = try beats(try replay(["--record", Self.record, "--max-speed", "--json", "--config", lab.gatewayConfig]))
        #expect(piped.beats == alone.beats, "the pipeline's analysis is the same analysis")

        var samples: [String: Int] = [:]
        let delivered = await eventually(timeout: .seconds(60)) {
            samples = [:]
            for resource in lab.resources() {
                guard ((resource["device"] as? [String: Any])?["display"] as? String) == "replay-100",
                    let data = resource["valueSampledData"] as? [String: Any], let text = data["data"] as? String,
                    let name = (resource["code"] as? [String: Any])?["text"] as? String
                else { continue }
                samples[name, default: 0] += text.split(separator: " ").count
            }
            return samples.count == 2 && samples.values.allSatisfy { $0 == 650_000 }
        }
        #expect(delivered, "every sample of both signals of the 30-minute record arrives once, as FHIR SampledData: \(samples)")
    }
}
