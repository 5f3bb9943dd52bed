import Foundation
import GatewayModel
import LocalLab
import ServiceLifecycle
import Synchronization
import Transport

/// Simulated bedside devices of the other input kinds: a Masimo monitor and a Nonin oximeter on
/// serial lines (pseudo-terminals), and a BLE heart-rate strap behind a GATT-to-MQTT bridge.
final class BedsideSimulators: Service {
    private let masimo: PseudoTerminalPair
    private let nonin: PseudoTerminalPair
    private let sensorBroker: MQTTEndpoint
    private let bleTopic: String
    private let sent = Atomic<Int>(0)

    init(masimo: PseudoTerminalPair, nonin: PseudoTerminalPair, sensorBroker: MQTTEndpoint, bleTopic: String) {
        self.masimo = masimo
        self.nonin = nonin
        self.sensorBroker = sensorBroker
        self.bleTopic = bleTopic
    }

    var framesSent: Int { sent.load(ordering: .relaxed) }

    func run() async throws {
        let masimoOut = try masimo.openPeer()
        let noninOut = try nonin.openPeer()
        let ble = try MQTTClient(options: MQTTClientOptions(endpoint: sensorBroker, clientID: "ble-bridge-sim", cleanStart: true, sessionExpirySeconds: 0))
        try await ble.connect()
        defer {
            ble.close()
            try? masimoOut.close()
            try? noninOut.close()
        }
        var random = SplitMix64(seed: 7)
        var tick = 0
        // Three Nonin packets (25 frames each) a second; the others once a second.
        while !Task.isShuttingDownGracefully {
            let hr = 70 + Int(random.unit() * 6)
            try? noninOut.write(contentsOf: NoninFrames.packet(heartRate: hr, spo2: 96 + Int(random.unit() * 3), phase: tick))
            sent.add(25, ordering: .relaxed)
            if tick % 3 == 0 {
                try? masimoOut.write(contentsOf: Data(MasimoLine.make(at: Date(), spo2: 97, bpm: hr, pi: 4.2 + random.unit()).utf8))
                let rr = UInt16(60_000 / hr * 1024 / 1000)
                _ = try? ble.publish(topic: bleTopic, payload: Data([0x10, UInt8(hr), UInt8(rr & 0xFF), UInt8(rr >> 8)]), qos: 1)
                sent.add(2, ordering: .relaxed)
            }
            tick += 1
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(333)) }
        }
    }
}

