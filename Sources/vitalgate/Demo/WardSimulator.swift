import Foundation
import GatewayModel
import Logging
import ServiceLifecycle
import Synchronization
import LocalLab
import Transport

/// Simulated bedside monitors publishing SenML vitals to the sensor broker, with occasional desaturations.
final class WardSimulator: Service {
    private let endpoint: MQTTEndpoint
    private let beds: Int
    private let interval: Duration
    private let logger: Logger
    private let sent = Atomic<Int>(0)

    init(endpoint: MQTTEndpoint, beds: Int, interval: Duration, logger: Logger) {
        self.endpoint = endpoint
        self.beds = beds
        self.interval = interval
        self.logger = logger
    }

    var messagesSent: Int { sent.load(ordering: .relaxed) }

    static func topic(bed: Int) -> String { "sensors/bed\(bed)/vitals" }

    func run() async throws {
        let client = try MQTTClient(options: MQTTClientOptions(endpoint: endpoint, clientID: "ward-simulator", cleanStart: true, sessionExpirySeconds: 0))
        try await client.connect()
        defer { client.close() }
        var patients = (1...beds).map { PatientModel(seed: UInt64($0)) }
        var tick = 0
        while !Task.isShuttingDownGracefully {
            let now = Double(WallClock.nowUnixMs()) / 1000
            for index in patients.indices {
                // In every 20 s cycle one bed desaturates for 8 s, long enough to pass the
                // SpO2 rule's 5 s condition delay, so the alarm lane has work.
                let cycle = Int((Duration.seconds(20) / interval).rounded())
                let desaturating = tick % cycle >= cycle * 6 / 10 && index == (tick / cycle) % beds
                let pack = patients[index].next(at: now, bed: index + 1, desaturating: desaturating)
                _ = try? client.publish(topic: Self.topic(bed: index + 1), payload: pack, qos: 1)
                sent.add(1, ordering: .relaxed)
            }
            tick += 1
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}

/// A random walk around normal adult vitals, one SenML pack per step.
struct PatientModel {
    private var random: SplitMix64
    private var hr = 75.0
    private var spo2 = 97.0
    private var rr = 15.0
    private var temp = 36.8
    private var sys = 122.0
    private var dia = 78.0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next(at time: Double, bed: Int, desaturating: Bool) -> Data {
        hr = walk(hr, around: 75, spread: 2, in: 55...110)
        spo2 = desaturating ? 85 + random.unit() * 2 : walk(spo2, around: 97, spread: 0.4, in: 93...100)
        rr = walk(rr, around: 15, spread: 0.5, in: 10...24)
        temp = walk(temp, around: 36.8, spread: 0.02, in: 36.0...38.0)
        sys = walk(sys, around: 122, spread: 1.5, in: 100...150)
        dia = walk(dia, around: 78, spread: 1, in: 60...95)
        let records: [(String, String, Double)] = [
            ("hr", "beat/min", hr.rounded()), ("spo2", "%", spo2.rounded()), ("rr", "/min", rr.rounded()),
            ("temp", "Cel", (temp * 10).rounded() / 10), ("sys", "mm[Hg]", sys.rounded()), ("dia", "mm[Hg]", dia.rounded()),
        ]
        let body = records.enumerated().map { index, record in
            let base = index == 0 ? "\"bn\":\"urn:dev:sim:bed\(bed):\",\"bt\":\(String(format: "%.3f", time))," : ""
            return "{\(base)\"n\":\"\(record.0)\",\"u\":\"\(record.1)\",\"v\":\(record.2)}"
        }
        return Data("[\(body.joined(separator: ","))]".utf8)
    }

    private mutating func walk(_ value: Double, around mean: Double, spread: Double, in range: ClosedRange<Double>) -> Double {
        let next = value + (random.unit() - 0.5) * 2 * spread + (mean - value) * 0.05
        return min(max(next, range.lowerBound), range.upperBound)
    }
}
