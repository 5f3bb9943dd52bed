import Foundation
import Gateway
import GatewayModel
import Receiver
import ServiceLifecycle

/// Prints a compact line of the demo's flow every two seconds, and ends the demo after its time.
final class LiveView: Service {
    private let runtime: GatewayRuntime
    private let receiver: ReceiverCore
    private let simulator: WardSimulator
    private let outputDirectory: String
    private let seconds: Int

    init(runtime: GatewayRuntime, receiver: ReceiverCore, simulator: WardSimulator, outputDirectory: String, seconds: Int) {
        self.runtime = runtime
        self.receiver = receiver
        self.simulator = simulator
        self.outputDirectory = outputDirectory
        self.seconds = seconds
    }

    func run() async {
        let start = ContinuousClock.now
        print(" time │ SenML sent │ frames in │ alarms │ queued (batches) │ acked link │ receiver batches │ FHIR resources │ files")
        while !Task.isShuttingDownGracefully, ContinuousClock.now - start < .seconds(seconds) {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
            print(line(elapsed: ContinuousClock.now - start))
        }
    }

    private func line(elapsed: Duration) -> String {
        let status = runtime.status.snapshot()
        let queued = (try? runtime.store.stats().totalBatches) ?? -1
        let stats = receiver.statistics
        let acked = status.batchesAcked.values.reduce(0, +)
        let link = status.upstream.connected ? "up" : "DOWN"
        let columns: [(String, Int)] = [
            ("\(Int(elapsed.seconds))s", 5), ("\(simulator.messagesSent)", 10), ("\(status.messagesIn)", 9), ("\(status.eventsRaised)", 6),
            ("\(queued)", 16), ("\(acked) \(link)", 10), ("\(stats.accepted)", 16), ("\(stats.resourcesWritten)", 14), ("\(fileCount())", 5),
        ]
        return columns.map { String(repeating: " ", count: max(0, $0.1 - $0.0.count)) + $0.0 }.joined(separator: " │ ")
    }

    private func fileCount() -> Int {
        let enumerator = FileManager.default.enumerator(atPath: outputDirectory)
        var count = 0
        while let path = enumerator?.nextObject() as? String { if path.hasSuffix(".ndjson") { count += 1 } }
        return count
    }

    func printSummary() {
        let status = runtime.status.snapshot()
        let stats = receiver.statistics
        print("demo summary: \(simulator.messagesSent) messages published, \(status.readingsIn) readings taken in, \(status.eventsRaised) alarms raised,")
        print("              \(stats.accepted) batches received and opened, \(stats.resourcesWritten) FHIR resources written, \(stats.duplicates) duplicates dropped, \(stats.rejectedTotal) rejected")
        print("devices:")
        for id in status.deviceOrder {
            guard let device = status.devices[id] else { continue }
            let conditions = device.conditions.isEmpty ? "" : "  conditions: \(device.conditions.sorted().joined(separator: ", "))"
            print("  \(id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(device.profile.padding(toLength: 16, withPad: " ", startingAt: 0)) \(device.state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(device.samples) samples, \(device.decodeErrors) errors\(conditions)")
        }
    }
}
