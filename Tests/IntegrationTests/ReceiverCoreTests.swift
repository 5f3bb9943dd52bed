@preconcurrency import Crypto
import Foundation
import GatewayModel
import Logging
import Receiver
import LocalLab
import Testing
import Wire

/// The platform side without a broker: what `ReceiverCore` accepts, rejects and writes.
@Suite struct ReceiverCoreTests {
    let dir = TempDirectory(prefix: "vitalgate-receiver")
    let gatewayKey = Curve25519.KeyAgreement.PrivateKey()
    let core: ReceiverCore
    let sealer: Sealer

    init() throws {
        _ = try KeyFile.generatePairs(into: dir.file("keys"))
        try KeyFile.write(publicKey: gatewayKey.publicKey, to: dir.file("keys/ward-gw.pub"))
        try """
            upstream: { url: "mqtt://127.0.0.1:1", insecure: true }
            keys: { privateKey: keys/platform.key, gateways: { ward-gw: keys/ward-gw.pub } }
            output: fhir
            state: state/seen.sqlite

            """.write(toFile: dir.file("receiver.yaml"), atomically: true, encoding: .utf8)
        let config = try ReceiverConfig.load(path: dir.file("receiver.yaml"))
        core = try ReceiverCore(config: config, logger: Logger(label: "test"))
        sealer = Sealer(gatewayID: "ward-gw", gatewayKey: gatewayKey, recipientKey: try KeyFile.readPublicKey(at: dir.file("keys/platform.pub")))
    }

    func envelope(seq: UInt64, lane: Lane = .vital, value: Double = 72) throws -> Data {
        try envelope(seq: seq, lane: lane, readings: [(1_764_000_000_123, value)])
    }

    func envelope(seq: UInt64, lane: Lane = .vital, readings: [(unixMs: Int64, value: Double)]) throws -> Data {
        let hr = ChannelDescriptor(name: "hr", code: ChannelCode(mdc: 147842, loinc: "8867-4", display: "Heart rate"), unit: "/min")
        let content = BatchContent(
            devices: [DeviceInfo(id: "bed1", profile: "senml-vitals", patient: "p-1")],
            measurements: readings.map { Measurement(device: "bed1", channel: hr, timeUnixMs: $0.unixMs, value: $0.value) }
        )
        return try sealer.seal(content, header: BatchHeader(gatewayID: "ward-gw", seq: seq, lane: lane, createdUnixMs: 1_764_000_000_500))
    }

    let topic = "vitalgate/v1/site/ward-gw/vital"

    @Test func writesOnceAndDropsRepeats() throws {
        defer { dir.remove() }
        let batch = try envelope(seq: 7)
        #expect(core.receive(topic: topic, payload: batch) == .written(resources: 1))
        #expect(core.receive(topic: topic, payload: batch) == .duplicate)
        let text = try String(contentsOfFile: dir.file("fhir/ward-gw/2025-11-24.ndjson"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
        #expect(text.contains(#""effectiveDateTime":"2025-11-24T16:00:00.123Z""#))
        #expect(text.contains(#""reference":"Patient/p-1""#))
        #expect(core.statistics.accepted == 1 && core.statistics.duplicates == 1)
    }

    @Test func rejectsTamperedUnknownAndMisroutedBatches() throws {
        defer { dir.remove() }
        var tampered = try envelope(seq: 1)
        tampered[tampered.count - 5] ^= 0x01
        guard case .rejected = core.receive(topic: topic, payload: tampered) else { Issue.record("tampered ciphertext accepted"); return }

        // A header swapped for another batch's: same ciphertext, different seq in the clear.
        var header = try Vitalgate_V1_Envelope(serializedBytes: try envelope(seq: 2))
        header.seq = 3
        guard case .rejected = core.receive(topic: topic, payload: try header.serializedData()) else { Issue.record("swapped header accepted"); return }

        let stranger = Sealer(gatewayID: "ward-gw", gatewayKey: Curve25519.KeyAgreement.PrivateKey(), recipientKey: try KeyFile.readPublicKey(at: dir.file("keys/platform.pub")))
        let forged = try stranger.seal(BatchContent(), header: BatchHeader(gatewayID: "ward-gw", seq: 4, lane: .vital, createdUnixMs: 0))
        guard case .rejected = core.receive(topic: topic, payload: forged) else { Issue.record("batch sealed by an unknown key accepted"); return }

        let unknown = Sealer(gatewayID: "rogue-gw", gatewayKey: gatewayKey, recipientKey: try KeyFile.readPublicKey(at: dir.file("keys/platform.pub")))
        let rogue = try unknown.seal(BatchContent(), header: BatchHeader(gatewayID: "rogue-gw", seq: 5, lane: .vital, createdUnixMs: 0))
        guard case .rejected = core.receive(topic: "vitalgate/v1/site/rogue-gw/vital", payload: rogue) else { Issue.record("unknown gateway accepted"); return }

        guard case .rejected = core.receive(topic: "vitalgate/v1/site/ward-gw/alarm", payload: try envelope(seq: 6)) else { Issue.record("lane/topic mismatch accepted"); return }
        guard case .rejected = core.receive(topic: topic, payload: Data("not protobuf".utf8)) else { Issue.record("garbage accepted"); return }
        #expect(core.statistics.rejectedTotal == 6)
        #expect(core.statistics.accepted == 0)
        #expect(core.receive(topic: topic, payload: try envelope(seq: 2)) == .written(resources: 1), "the genuine batch still opens")
    }

    @Test func aBatchAcrossMidnightGoesToEachDaysFileInOrder() throws {
        defer { dir.remove() }
        let midnight: Int64 = 1_764_028_800_000  // 2025-11-25T00:00:00Z
        let readings: [(unixMs: Int64, value: Double)] = [(midnight - 2, 70), (midnight - 1, 71), (midnight, 72), (midnight - 1, 73), (midnight + 1, 74)]
        #expect(core.receive(topic: topic, payload: try envelope(seq: 9, readings: readings)) == .written(resources: 5))
        func values(_ day: String) throws -> [Double] {
            try String(contentsOfFile: dir.file("fhir/ward-gw/\(day).ndjson"), encoding: .utf8).split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return (object?["valueQuantity"] as? [String: Any])?["value"] as? Double ?? .nan
            }
        }
        #expect(try values("2025-11-24") == [70, 71, 73])
        #expect(try values("2025-11-25") == [72, 74])
    }

    @Test func aReadingJSONCannotCarryIsCountedNotWritten() throws {
        defer { dir.remove() }
        #expect(core.receive(topic: topic, payload: try envelope(seq: 10, readings: [(1_764_000_000_123, .nan), (1_764_000_000_124, 75)])) == .written(resources: 1))
        let text = try String(contentsOfFile: dir.file("fhir/ward-gw/2025-11-24.ndjson"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1 && text.contains(#""value":75"#))
    }

    @Test func timestampsAreRFC3339WithMilliseconds() {
        defer { dir.remove() }
        #expect(FHIRMapper.timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(FHIRMapper.timestamp(1_764_000_000_123) == "2025-11-24T16:00:00.123Z")
        #expect(FHIRMapper.timestamp(-1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func anAlarmOnlyReceiverSubscribesToTheAlarmLaneAlone() throws {
        func config(_ lanes: String) throws -> ReceiverConfig {
            try """
                upstream: { url: "mqtt://127.0.0.1:1", insecure: true\(lanes) }
                keys: { privateKey: keys/platform.key, gateways: { ward-gw: keys/ward-gw.pub } }
                output: fhir
                state: state/seen.sqlite

                """.write(toFile: dir.file("lanes.yaml"), atomically: true, encoding: .utf8)
            return try ReceiverConfig.load(path: dir.file("lanes.yaml"))
        }
        #expect(try config("").subscriptionFilters == ["vitalgate/v1/+/+/+"])
        #expect(try config(", lanes: [alarm]").subscriptionFilters == ["vitalgate/v1/+/+/alarm"])
        #expect(try config(", lanes: [alarm, vital, wave]").subscriptionFilters == ["vitalgate/v1/+/+/+"])
        let error = #expect(throws: (any Error).self) { try config(", lanes: [alarm, pigeon]") }
        #expect(String(describing: error).contains("lanes.yaml:1:"), "\(String(describing: error))")
    }
}
