import Foundation
import LocalLab
import Wire

/// The demo's scratch world: certificates, keys, two local brokers and the config files that join them.
struct DemoLab {
    let dir: String
    let sensorBroker: TestBroker
    let upstreamBroker: TestBroker
    let masimoLine: PseudoTerminalPair
    let noninLine: PseudoTerminalPair
    let ecgLine: PseudoTerminalPair
    static let bleTopic = "ble/aa:bb:cc:dd:ee:09/2a37"
    let gatewayConfigPath: String
    let receiverConfigPath: String

    static func make(dir requested: String?, profiles: String, beds: Int) throws -> DemoLab {
        let dir = requested ?? TempDirectory(prefix: "vitalgate-demo").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let profileDir = URL(fileURLWithPath: profiles).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: profileDir) else {
            throw DemoError("profile folder '\(profileDir)' not found; run the demo from the repository root or pass --profiles")
        }
        let pki = try TestPKI.make(in: "\(dir)/pki")
        for key in [pki.clientKey, pki.serverKey, pki.caKey] { chmod(key, 0o600) }
        let keys = "\(dir)/keys"
        if !FileManager.default.fileExists(atPath: "\(keys)/gateway.key") { _ = try KeyFile.generatePairs(into: keys) }
        let sensor = try TestBroker.start(in: "\(dir)/sensor-broker")
        let upstream: TestBroker
        do { upstream = try TestBroker.start(in: "\(dir)/upstream-broker", tls: TestBroker.TLS(pki: pki)) } catch {
            sensor.stop()
            throw error
        }
        try FileManager.default.createDirectory(atPath: "\(dir)/tty", withIntermediateDirectories: true)
        let masimo = PseudoTerminalPair(devicePath: "\(dir)/tty/masimo", peerPath: "\(dir)/tty/masimo-sim")
        let nonin = PseudoTerminalPair(devicePath: "\(dir)/tty/nonin", peerPath: "\(dir)/tty/nonin-sim")
        let ecg = PseudoTerminalPair(devicePath: "\(dir)/tty/ecg", peerPath: "\(dir)/tty/ecg-sim")
        do {
            try masimo.start()
            try nonin.start()
            try ecg.start()
        } catch {
            masimo.stop()
            nonin.stop()
            sensor.stop()
            upstream.stop()
            throw error
        }
        let lab = DemoLab(
            dir: dir, sensorBroker: sensor, upstreamBroker: upstream, masimoLine: masimo, noninLine: nonin, ecgLine: ecg,
            gatewayConfigPath: "\(dir)/gateway.yaml", receiverConfigPath: "\(dir)/receiver.yaml"
        )
        try lab.writeConfigs(pki: pki, profileDir: profileDir, beds: beds)
        return lab
    }

    func stop() {
        masimoLine.stop()
        noninLine.stop()
        ecgLine.stop()
        sensorBroker.stop()
        upstreamBroker.stop()
    }

    private func writeConfigs(pki: TestPKI, profileDir: String, beds: Int) throws {
        let devices = (1...beds).map { bed in
            "  - { id: bed\(bed)-monitor, profile: senml-vitals, topic: \(WardSimulator.topic(bed: bed)), patient: p-\(String(format: "%04d", bed)), bed: \"\(bed)\" }"
        }.joined(separator: "\n") + """

              - { id: bed7-masimo, profile: masimo-radical7, port: \(masimoLine.devicePath), patient: p-0007, bed: "7" }
              - { id: bed8-nonin, profile: nonin-format2, port: \(noninLine.devicePath), patient: p-0008, bed: "8" }
              - { id: bed9-hr-strap, profile: ble-heart-rate, topic: \(Self.bleTopic), patient: p-0009, bed: "9" }
              - { id: bed10-ecg, profile: ecg-pleth-monitor, port: \(ecgLine.devicePath), patient: p-0010, bed: "10" }
            """
        let gateway = """
            # Written by `vitalgate demo`.
            gateway: { id: demo-gw01, site: demo-ward }
            profiles: [\(profileDir)]
            store: { path: queue.sqlite, maxBytes: 256MiB, maxAge: 7d, sync: full }
            upstream:
              url: \(upstreamBroker.url)
              tls: { ca: \(pki.caCert), cert: \(pki.clientCert), key: \(pki.clientKey) }
              inflight: 32
            sealing: { recipientKey: keys/platform.pub, gatewayKey: keys/gateway.key }
            sensors: { url: \(sensorBroker.url) }
            api: { socket: api.sock }
            lanes:
              vital: { maxLatency: 1s }
            devices:
            \(devices)

            """
        let receiver = """
            # Written by `vitalgate demo`.
            upstream:
              url: \(upstreamBroker.url)
              tls: { ca: \(pki.caCert), cert: \(pki.clientCert), key: \(pki.clientKey) }
              clientId: demo-receiver
            keys:
              privateKey: keys/platform.key
              gateways: { demo-gw01: keys/gateway.pub }
            output: fhir
            state: receiver.sqlite

            """
        try gateway.write(toFile: gatewayConfigPath, atomically: true, encoding: .utf8)
        try receiver.write(toFile: receiverConfigPath, atomically: true, encoding: .utf8)
    }
}

/// A demo set-up problem, told in one line.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
