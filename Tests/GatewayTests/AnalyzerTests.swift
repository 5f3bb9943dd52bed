import Foundation
import GatewayModel
import Testing
@testable import Gateway

/// The analysis as the pipeline runs it, on real ECG (MIT-BIH record 100, lead MLII) edited into
/// pauses and lead-off, with and without a pulsing pleth of the same patient.
@Suite struct AnalyzerTests {
    static let record = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TestData/mitdb/100").path
    static let startNs: Int64 = 1_764_000_000_000 * 1_000_000
    static let ecg = ChannelDescriptor(name: "MLII", code: ChannelCode(mdc: 131330), unit: "mV")
    static let pleth = ChannelDescriptor(name: "pleth", code: ChannelCode(mdc: 150452), unit: "1")

    /// What happens to the ECG in seconds [60, 68).
    enum Episode { case pause, leadOff }

    static func analyzer() -> Analyzer {
        var ecgChannel = ProfileChannel(descriptor: ecg, source: "MLII", scale: 1, offset: 0, alarms: [])
        ecgChannel.analysis = ChannelAnalysis(signal: .ecg, flatline: .init(below: 0.02, duration: .seconds(3)))
        var plethChannel = ProfileChannel(descriptor: pleth, source: "pleth", scale: 1, offset: 0, alarms: [])
        plethChannel.analysis = ChannelAnalysis(signal: .pleth)
        let profile = DeviceProfile(
            name: "monitor", description: "", file: "", transport: .mqtt, decoder: .senml, serial: nil, lane: .wave,
            channels: [ecgChannel, plethChannel]
        )
        let device = DeviceConfig(info: DeviceInfo(id: "mon1", profile: "monitor", patient: "p1"), topic: nil, port: nil)
        return Analyzer(devices: [(device, profile)])
    }

    /// 90 s of MLII in 1 s chunks with the episode, and a 75/min pleth alongside when asked.
    static func run(_ episode: Episode, pleth withPleth: Bool) throws -> AnalysisOutput {
        let replay = try RecordReplay(recordPath: record)
        var analyzer = analyzer()
        var all = AnalysisOutput()
        var random = SystemRandomNumberGenerator()
        for second in 0..<90 {
            var chunk = try replay.chunks(frames: (second * 360)..<((second + 1) * 360), startUnixNs: startNs)[0]
            chunk.device = "mon1"
            chunk.channel = ecg
            if (60..<68).contains(second) {
                // A pause keeps the baseline's small noise (not flat); lead-off is a dead-flat line.
                chunk.samples = chunk.samples.map { _ in episode == .pause ? 1024 + Int32.random(in: -12...12, using: &random) : 1024 }
            }
            var chunks = [chunk]
            if withPleth { chunks.append(plethChunk(second: second)) }
            let found = analyzer.analyse(device: "mon1", measurements: [], waveforms: chunks)
            all.events += found.events
            all.beats += found.beats
            all.measurements += found.measurements
            all.snippets += found.snippets
        }
        return all
    }

    static func plethChunk(second: Int) -> WaveformChunk {
        let samples = (0..<125).map { i -> Int32 in
            let t = Double(second) + Double(i) / 125
            let phase = (t / 0.8).truncatingRemainder(dividingBy: 1)
            let wave = phase < 0.2 ? sin(phase / 0.2 * .pi / 2) : exp(-(phase - 0.2) * 4)
            return Int32((wave * 1000).rounded())
        }
        return WaveformChunk(device: "mon1", channel: pleth, startUnixNs: startNs + Int64(second) * 1_000_000_000, periodNs: 8_000_000, scale: 0.001, samples: samples)
    }

    static let pauseStartMs = startNs / 1_000_000 + 60_000

    @Test func asystoleWithoutPlethIsRaisedWithinASecondOfTheFourSecondCondition() throws {
        let output = try Self.run(.pause, pleth: false)
        let raised = try #require(output.events.first { $0.rule == "asystole" && $0.kind == .raised }, "\(output.events.map(\.rule)) beats around the pause: \(output.beats.map { $0.unixMs - Self.pauseStartMs }.filter { $0 > -3000 && $0 < 10000 })")
        let onset = try #require(raised.onsetUnixMs)
        #expect(onset <= Self.pauseStartMs && onset > Self.pauseStartMs - 1500, "onset is the last beat before the pause")
        #expect(raised.timeUnixMs - onset >= 4000 && raised.timeUnixMs - onset <= 5000, "raised \(raised.timeUnixMs - onset) ms after the last beat")
        #expect(raised.priority == .high)
        #expect(output.events.contains { $0.rule == "asystole" && $0.kind == .cleared }, "cleared when beats resume")
        #expect(!output.events.contains { $0.rule == "flatline" }, "a pause is not a flat line")
        #expect(!output.events.contains { $0.rule != "asystole" }, "no other alarm on a clean record: \(output.events.map(\.rule))")
    }

    @Test func asystoleWithAPulsingPlethIsSuppressed() throws {
        let output = try Self.run(.pause, pleth: true)
        #expect(output.events.contains { $0.rule == "asystole" && $0.kind == .suppressed }, "\(output.events.map { "\($0.rule) \($0.kind)" })")
        #expect(!output.events.contains { $0.rule == "asystole" && $0.kind == .raised }, "pulses veto the ECG's asystole")
    }

    @Test func leadOffIsATechnicalAlarmNotAsystole() throws {
        let output = try Self.run(.leadOff, pleth: false)
        let flat = try #require(output.events.first { $0.rule == "flatline" && $0.kind == .raised }, "\(output.events.map(\.rule))")
        #expect(flat.priority != .high, "technical, not a life-threatening arrhythmia")
        #expect(!output.events.contains { $0.rule == "asystole" }, "\(output.events.map { "\($0.rule) \($0.kind)" })")
        #expect(output.events.contains { $0.rule == "flatline" && $0.kind == .cleared })
    }

    @Test func aHighPriorityAlarmCarriesTenSecondsBeforeAndFiveAfter() throws {
        let output = try Self.run(.pause, pleth: false)
        let raised = try #require(output.events.first { $0.rule == "asystole" && $0.kind == .raised })
        let onset = try #require(raised.onsetUnixMs)
        let ecg = output.snippets.filter { $0.channel.name == "MLII" }
        let first = try #require(ecg.map(\.startUnixNs).min()) / 1_000_000
        let last = try #require(ecg.map(\.endUnixMs).max())
        #expect(abs(first - (onset - 10_000)) <= 5, "snippet starts 10 s before the onset: \(first - onset)")
        #expect(abs(last - (raised.timeUnixMs + 5000)) <= 5, "and ends 5 s after the alarm: \(last - raised.timeUnixMs)")
        #expect(ecg.reduce(0) { $0 + $1.samples.count } >= 360 * 15 - 2)
    }

    @Test func heartRateFromTheECGAndPulseRateFromThePlethAreReported() throws {
        let output = try Self.run(.pause, pleth: true)
        let heart = output.measurements.filter { $0.channel.name == "hr-ecg" }
        let pulse = output.measurements.filter { $0.channel.name == "pr-pleth" }
        #expect(heart.count >= 12 && pulse.count >= 12, "every 5 s: \(heart.count) heart, \(pulse.count) pulse")
        #expect(heart.allSatisfy { $0.channel.code.mdc == 147842 && (60...90).contains($0.value ?? 0) }, "\(heart.map(\.value))")
        #expect(pulse.allSatisfy { abs(($0.value ?? 0) - 75) <= 2 }, "the pleth pulses at 75 /min: \(pulse.map(\.value))")
        let pauseEnd = Self.pauseStartMs + 8000
        #expect(!heart.contains { $0.timeUnixMs > Self.pauseStartMs + 4000 && $0.timeUnixMs < pauseEnd }, "no heart rate without beats")
    }
}
