import DeviceCodecs
import LocalLab
import GatewayModel
import Testing

@Suite struct GATTFuzzTests {
    static let names: [UInt16: Set<String>] = [
        0x2A37: ["hr", "energy-expended", "rr-interval"],
        0x2A35: ["sys", "dia", "map", "pr"],
        0x2A1C: ["temp", "temp-site"],
        0x2A5F: ["spo2", "pr", "spo2-fast", "pr-fast", "spo2-slow", "pr-slow", "pai"],
        0x2A5E: ["spo2", "pr", "pai"],
        0x2A18: ["sequence", "glucose", "sample-type", "sample-location"],
        0x2A9D: ["weight", "bmi", "height"],
    ]

    static let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x07, 0x08, 0x0C, 0x17, 0x1F, 0x3B, 0x7F, 0x80, 0xE8, 0xF0, 0xFF]

    @Test func everySupportedUUIDIsFuzzed() {
        #expect(Set(GATTHealthDecoder.supportedUUIDs) == Set(Self.names.keys))
    }

    @Test func unknownCharacteristicIsAnError() {
        #expect(throws: DecodeError.self) { try GATTHealthDecoder.decode(uuid: 0x2A19, bytes: [0x64], nowUnixMs: testNow) }
    }

    /// 1,000,000 seeded random bytes per characteristic, cut into payloads of 0–24 bytes: each must
    /// decode to a well-formed batch or throw, and both outcomes must occur (a decoder that rejects
    /// everything, or accepts everything, fails here too).
    @Test(arguments: [UInt16(0x2A37), 0x2A35, 0x2A1C, 0x2A5F, 0x2A5E, 0x2A18, 0x2A9D])
    func randomPayloads(_ uuid: UInt16) {
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(uuid))
        let allowed = Self.names[uuid] ?? []
        var consumed = 0
        var decoded = 0
        var rejected = 0
        var payload: [UInt8] = []
        payload.reserveCapacity(32)
        while consumed < 1_000_000 {
            let length = Int.random(in: 0...24, using: &random)
            payload.removeAll(keepingCapacity: true)
            // Half the payloads draw from bytes that are valid months, days, hours, years and
            // special values, or few random Date Time fields would ever pass and the decoders'
            // later fields would go unfuzzed.
            let structured = Bool.random(using: &random)
            for _ in 0..<length {
                let byte = UInt8.random(in: 0...255, using: &random)
                payload.append(structured ? Self.interesting[Int(byte) % Self.interesting.count] : byte)
            }
            // Reserved flag bits make most random payloads trivially different from real ones;
            // clearing them half the time steers the fuzzer into the real layouts.
            if !payload.isEmpty, Bool.random(using: &random) { payload[0] &= 0x1F }
            consumed += length
            do {
                let batch = try GATTHealthDecoder.decode(uuid: uuid, bytes: payload, nowUnixMs: testNow)
                decoded += 1
                if let problem = Self.problem(in: batch, allowed: allowed) {
                    Issue.record("\(payload.map { String($0, radix: 16) }): \(problem)")
                    return
                }
            } catch {
                rejected += 1
                if error.message.isEmpty {
                    Issue.record("empty error message for \(payload)")
                    return
                }
            }
        }
        // Glucose needs ten exact bytes and a valid base time, so few random payloads pass (≈280).
        #expect(decoded > 100, "decoded \(decoded)")
        #expect(rejected > 1000, "rejected \(rejected)")
    }

    /// Every one-bit flip of every valid vector: the decoder stays total near real layouts too.
    @Test func bitFlipsOfValidVectors() {
        let vectors: [(UInt16, String)] = [
            (0x2A37, "1F 01 01 32 01 01 00 02 01 FF FF"), (0x2A35, "1E 78 00 50 00 5D 00 E8 07 0B 1D 0E 1E 00 48 00 01 05 00"),
            (0x2A1C, "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04"), (0x2A5F, "1F 61 00 48 00 60 00 4B 00 62 00 46 00 20 00 00 00 00 57 F0"),
            (0x2A5E, "0F 62 00 48 00 E8 07 0B 1D 0E 1E 00 00 04 20 00 00 57 F0"), (0x2A18, "0F 01 00 E8 07 0B 1D 07 0F 00 1E 00 5F B0 11 20 00"),
            (0x2A9D, "0E B0 36 E8 07 0B 1D 07 0F 00 01 E5 00 D6 06"),
        ]
        for (uuid, vector) in vectors {
            let original = hex(vector)
            #expect(throws: Never.self, "\(vector)") { try GATTHealthDecoder.decode(uuid: uuid, bytes: original, nowUnixMs: testNow) }
            for bit in 0..<(original.count * 8) {
                var flipped = original
                flipped[bit / 8] ^= 1 << UInt8(bit % 8)
                if let batch = try? GATTHealthDecoder.decode(uuid: uuid, bytes: flipped, nowUnixMs: testNow),
                    let problem = Self.problem(in: batch, allowed: Self.names[uuid] ?? [])
                {
                    Issue.record("\(vector) with bit \(bit) flipped: \(problem)")
                }
            }
            // Outside the Heart Rate RR list, no field may be cut short or followed by stray bytes.
            for length in 0..<original.count where uuid != 0x2A37 {
                #expect(throws: DecodeError.self, "\(vector) cut to \(length)") {
                    try GATTHealthDecoder.decode(uuid: uuid, bytes: Array(original.prefix(length)), nowUnixMs: testNow)
                }
            }
            #expect(throws: DecodeError.self, "\(vector) + 1 byte") {
                try GATTHealthDecoder.decode(uuid: uuid, bytes: original + [0], nowUnixMs: testNow)
            }
        }
    }

    /// What a decoded batch must always satisfy, or nil.
    static func problem(in batch: DecodedBatch, allowed: Set<String>) -> String? {
        guard batch.frames == 1, !batch.values.isEmpty else { return "frames \(batch.frames), \(batch.values.count) values" }
        for value in batch.values {
            guard allowed.contains(value.name) else { return "unexpected name \(value.name)" }
            switch (value.value, value.absentReason) {
            case let (number?, nil) where number.isFinite: break
            case (nil, let reason?) where AbsentReason(rawValue: reason) != nil: break
            default: return "\(value.name): value \(String(describing: value.value)) with reason \(String(describing: value.absentReason))"
            }
            // Device times are bounded by the Date Time field (1582–9999) and the gateway clock.
            guard value.timeUnixMs > -12_300_000_000_000, value.timeUnixMs < 253_403_400_000_000 else {
                return "\(value.name) at \(value.timeUnixMs)"
            }
            if value.status.contains(.gatewayTime), value.name != "rr-interval", value.timeUnixMs != testNow {
                return "\(value.name) has gateway time but is stamped \(value.timeUnixMs)"
            }
        }
        guard Set(batch.values.map(\.status)).count == 1 else { return "values of one measurement disagree on status" }
        return nil
    }
}
