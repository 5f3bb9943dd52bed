import ArgumentParser
import Foundation
import Gateway
import GatewayModel
import Logging
import ServiceLifecycle

/// `vitalgate replay`: plays a WFDB record through the analysis, or through the whole gateway.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a WFDB record (e.g. MIT-BIH 100) through the analysis, or with --config through the whole gateway."
    )

    @Option(help: "The record: its path without extension, or its .hea file.") var record: String
    @Option(help: "Playback speed, as a multiple of real time.") var speed: Double = 1
    @Flag(help: "As fast as the analysis goes.") var maxSpeed = false
    @Flag(help: "Print one JSON line per detected beat and per event, and nothing else on stdout.") var json = false
    @Option(help: "A gateway.yaml: the record becomes a device and is sealed, stored and forwarded.") var config: String?
    @Option(help: "Seconds of signal per chunk, as a monitor would send them.") var chunk: Double = 0.25
    @Option(help: "With --config: play the record at this many beds at once, each its own patient (a ward's load).")
    var beds: Int = 1
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        guard chunk > 0, chunk <= 10 else { throw ValidationError("--chunk must be between 0 and 10 seconds") }
        guard (1...10_000).contains(beds) else { throw ValidationError("--beds must be between 1 and 10000") }
        guard beds == 1 || config != nil else { throw ValidationError("--beds needs --config (the whole gateway)") }
    }

    func run() async throws {
        let logger = logging.bootstrap(label: "vitalgate-replay", defaultLevel: .warning)
        let replay: RecordReplay
        do { replay = try RecordReplay(recordPath: record) } catch { throw exitForBadInput("\(record): error: \(error)") }
        let printer = ReplayPrinter(json: json)
        if let config {
            try await throughGateway(replay, configPath: config, printer: printer, logger: logger)
        } else {
            var analyzer = Analyzer(devices: [(replay.device, replay.profile)])
            try await play(replay) { chunks in printer.take(analyzer.analyse(device: replay.device.info.id, measurements: [], waveforms: chunks)) }
            printer.take(analyzer.finish())
        }
        if let summary = printer.summary(seconds: Double(replay.frameCount) / replay.sampleRate) { print(summary) }
    }

    /// Chunks of the record, paced to `--speed` unless `--max-speed`, timed from now.
    func play(_ replay: RecordReplay, _ deliver: ([WaveformChunk]) async throws -> Void) async throws {
        let startUnixNs = WallClock.nowUnixMs() * 1_000_000
        let framesPerChunk = max(1, Int((replay.sampleRate * chunk).rounded()))
        let clock = ContinuousClock()
        let began = clock.now
        for from in stride(from: 0, to: replay.frameCount, by: framesPerChunk) {
            let frames = from..<min(replay.frameCount, from + framesPerChunk)
            try await deliver(try replay.chunks(frames: frames, startUnixNs: startUnixNs))
            if !maxSpeed {
                try await clock.sleep(until: began + .seconds(Double(frames.upperBound) / replay.sampleRate / speed))
            }
        }
    }
}
