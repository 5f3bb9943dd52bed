import Foundation
import LocalLab
import Testing

/// Serial devices end to end through real pseudo-terminals: bytes in, FHIR out.
@Suite(.serialized) struct SerialDeviceTests {
    @Test func masimoAndNoninStreamsArriveDecodedAndSurviveGarbageAndUnplugging() async throws {
        let scratch = TempDirectory(prefix: "vitalgate-tty")
        defer { scratch.remove() }
        let masimo = PseudoTerminalPair(devicePath: scratch.file("masimo"), peerPath: scratch.file("masimo-peer"))
        let nonin = PseudoTerminalPair(devicePath: scratch.file("nonin"), peerPath: scratch.file("nonin-peer"))
        try masimo.start()
        try nonin.start()
        defer { masimo.stop(); nonin.stop() }
        var options = GatewayLab.Options(devices: 0)
        options.shippedProfiles = ["masimo-radical7", "nonin-format2"]
        options.extraDevices = [
            "  - { id: bed7-masimo, profile: masimo-radical7, port: \(masimo.devicePath), patient: p-7 }",
            "  - { id: bed8-nonin, profile: nonin-format2, port: \(nonin.devicePath), patient: p-8 }",
        ]
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try lab.startGateway()
        #expect(await eventually(timeout: .seconds(20)) { lab.gatewayLogText().contains("reading \(nonin.devicePath)") })

        let base = Date(timeIntervalSince1970: 1_764_000_000)
        var masimoOut = try masimo.openPeer()
        let noninOut = try nonin.openPeer()
        for second in 0..<10 {
            // Garbage between lines and inside the frame stream must be skipped, not stop decoding.
            try masimoOut.write(contentsOf: Data("\u{7}\u{0}noise\r\n".utf8) + Data(MasimoLine.make(at: base + Double(second), spo2: 90 + second, bpm: 70, pi: 3).utf8))
            try noninOut.write(contentsOf: Data([0xFF, 0x01, 0x13, 0x37]) + NoninFrames.packet(heartRate: 80 + second, spo2: 95, phase: second))
        }
        let first = await eventually(timeout: .seconds(20)) {
            let readings = lab.observations()
            return readings.filter { $0.device == "bed7-masimo" && $0.loinc == "59408-5" }.count >= 10 && readings.contains { $0.device == "bed8-nonin" && $0.value == 89 }
        }
        let readings = lab.observations()
        #expect(first, "got \(readings.count) readings; log:\n\(lab.gatewayLogText().suffix(2000))")
        let spo2 = readings.filter { $0.device == "bed7-masimo" && $0.loinc == "59408-5" }.compactMap(\.value).sorted()
        #expect(spo2 == (0..<10).map { Double(90 + $0) }, "every Masimo line once, garbage skipped")
        #expect(readings.contains { $0.device == "bed8-nonin" && $0.mdc == "149530" && $0.value == 80 }, "Nonin pulse rate decoded")

        // Unplug: the other end goes away; the gateway marks the device disconnected and reopens it.
        try masimoOut.close()
        masimo.stop()
        #expect(await eventually(timeout: .seconds(10)) { lab.gatewayLogText().contains("bed7-masimo: \(masimo.devicePath) went away") })
        try masimo.start()
        #expect(await eventually(timeout: .seconds(40)) { lab.gatewayLogText().components(separatedBy: "reading \(masimo.devicePath)").count > 2 }, "reopened without a restart")
        masimoOut = try masimo.openPeer()
        try masimoOut.write(contentsOf: Data(MasimoLine.make(at: base + 100, spo2: 77, bpm: 70, pi: 3).utf8))
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().contains { $0.device == "bed7-masimo" && $0.value == 77 } }, "the flow resumes")
        try masimoOut.close()
    }
}
