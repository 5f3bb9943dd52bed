import ArgumentParser
import Foundation
import GatewayModel
import Synchronization
import Transport

/// `vitalgate simulate`: a load generator of single-reading SenML messages, for benchmarks and labs.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Publish SenML readings (one per message) to a sensor broker at a fixed rate."
    )

    @Option(help: "Sensor broker URL.") var url: String = "mqtt://127.0.0.1:1883"
    @Option(help: "Number of simulated devices; device N publishes on PREFIX/devN.") var devices: Int = 10
    @Option(help: "Messages per second, all devices together.") var rate: Int = 1000
    @Option(help: "How long to publish, in seconds: RATE × SECONDS readings, alarm probes on top.") var seconds: Double = 10
    @Option(help: "Topic prefix.") var topicPrefix: String = "sensors/load"
    @Option(help: "Also publish an SpO2 alarm probe on PREFIX/probe every this many ms: 80 % and 97 % in turn, so a profile alarming below 90 raises at every other probe (0: none).")
    var alarmProbeMs: Int = 0

    func run() async throws {
        guard devices > 0, rate > 0, seconds > 0 else { throw ValidationError("devices, rate and seconds must be positive") }
        guard alarmProbeMs >= 0 else { throw ValidationError("--alarm-probe-ms must not be negative") }
        let endpoint = try MQTTEndpoint.parse(url)
        let client = try await Self.connect(endpoint, clientID: "vitalgate-simulate-\(getpid())")
        defer { client.close() }
        // The probe is a device of its own, on a connection of its own as a bedside monitor would be, so
        // its alarm readings never wait behind the load's messages in this generator's own queue.
        let probeClient = alarmProbeMs > 0 ? try await Self.connect(endpoint, clientID: "vitalgate-simulate-\(getpid())-probe") : nil
        defer { probeClient?.close() }
        let acknowledged = Atomic<Int>(0)
        let acks = Task {
            // PUBACKs are taken in batches: a task woken for each one costs a futex wake and a context
            // switch per message. After a wait, it sleeps 5 ms, then takes what came meanwhile without waiting.
            var events = client.events.makeAsyncIterator()
            while true {
                let asked = ContinuousClock.now
                guard let event = await events.next() else { break }
                if case .published = event { acknowledged.add(1, ordering: .relaxed) }
                if ContinuousClock.now - asked > .microseconds(100) { try? await Task.sleep(for: .milliseconds(5)) }
            }
        }
        let probesAcknowledged = Atomic<Int>(0)
        let probeAcks = Task {
            guard let probeClient else { return }
            for await event in probeClient.events { if case .published = event { probesAcknowledged.add(1, ordering: .relaxed) } }
        }
        let topics = (0..<devices).map { "\(topicPrefix)/dev\($0)" }
        let start = ContinuousClock.now
        let total = Int((Double(rate) * seconds).rounded())
        var readings = 0
        var sent = 0  // probes too: every PUBACK counts against it
        var probes = AlarmProbes(topic: "\(topicPrefix)/probe", every: .milliseconds(alarmProbeMs), start: start)
        // Publish in 10 ms slices so the rate holds without a timer per message.
        while readings < total {
            let due = min(total, Int(Double(rate) * (ContinuousClock.now - start).seconds) + rate / 100 + 1)
            while readings < due {
                let device = readings % devices
                let time = Thousandths.text(Int(WallClock.nowUnixMs()))
                // Inside the normal adult range (no alarms), and unique per device for 50,000
                // messages, so a receiver can check each reading.
                let value = Thousandths.text(60_000 + readings % 50_000)
                let payload = "[{\"bn\":\"urn:dev:load:dev\(device):\",\"bt\":\(time),\"n\":\"hr\",\"u\":\"beat/min\",\"v\":\(value)}]"
                _ = try client.publish(topic: topics[device], payload: Data(payload.utf8), qos: 1)
                readings += 1
                sent += 1
            }
            if let probeClient, let probe = probes.due(at: ContinuousClock.now) {
                _ = try probeClient.publish(topic: probes.topic, payload: Data(probe.utf8), qos: 1)
                sent += 1
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        // Messages still in libmosquitto's local queue have not reached the broker: wait for every
        // PUBACK (bounded), so `acknowledged` is the load the broker really took.
        let deadline = ContinuousClock.now + .seconds(60)
        while acknowledged.load(ordering: .relaxed) + probesAcknowledged.load(ordering: .relaxed) < sent, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = (ContinuousClock.now - start).seconds
        client.close()
        probeClient?.close()
        await acks.value
        await probeAcks.value
        let acked = acknowledged.load(ordering: .relaxed) + probesAcknowledged.load(ordering: .relaxed)
        print("{\"sent\":\(sent),\"acknowledged\":\(acked),\"seconds\":\(String(format: "%.3f", elapsed)),\"rate\":\(Int(Double(acked) / elapsed)),\"alarmProbes\":\(probes.lowSent)}")
    }

    private static func connect(_ endpoint: MQTTEndpoint, clientID: String) async throws -> MQTTClient {
        let client = try MQTTClient(options: MQTTClientOptions(
            endpoint: endpoint, clientID: clientID, cleanStart: true, sessionExpirySeconds: 0, sendMaximum: 1000
        ))
        try await client.connect()
        return client
    }
}
