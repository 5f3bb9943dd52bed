import ArgumentParser
import Foundation
import LocalLab

/// `vitalgate simulate-serial`: writes native-rate device streams to serial ports or pseudo-terminals.
struct SimulateSerialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-serial",
        abstract: "Write Nonin #2 (75 frames/s) and Masimo ASCII (1 line/s) streams to serial ports, for labs and benchmarks."
    )

    @Option(help: "A port to write a Nonin #2 stream to (repeatable).") var nonin: [String] = []
    @Option(help: "A port to write Masimo Radical-7 lines to (repeatable).") var masimo: [String] = []
    @Option(help: "How long to write, in seconds.") var seconds: Double = 30

    func run() async throws {
        let noninPorts = try nonin.map(open)
        let masimoPorts = try masimo.map(open)
        defer { for handle in noninPorts + masimoPorts { try? handle.close() } }
        let start = ContinuousClock.now
        var tick = 0
        var written = 0
        // A Nonin packet (25 frames) every third of a second; a Masimo line every second.
        while ContinuousClock.now - start < .seconds(seconds) {
            for (index, port) in noninPorts.enumerated() {
                try port.write(contentsOf: NoninFrames.packet(heartRate: 60 + (index + tick / 3) % 40, spo2: 95 + index % 4, phase: tick))
                written += 125
            }
            if tick % 3 == 0 {
                for (index, port) in masimoPorts.enumerated() {
                    let line = MasimoLine.make(at: Date(), spo2: 94 + index % 5, bpm: 60 + (index + tick) % 40, pi: 3.5)
                    try port.write(contentsOf: Data(line.utf8))
                    written += line.utf8.count
                }
            }
            tick += 1
            try await Task.sleep(until: start + .milliseconds(333 * tick), clock: .continuous)
        }
        print("{\"nonin\":\(noninPorts.count),\"masimo\":\(masimoPorts.count),\"bytes\":\(written),\"seconds\":\(seconds)}")
    }

    private func open(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("cannot open \(path) for writing") }
        return handle
    }
}
