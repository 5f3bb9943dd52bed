import GatewayModel

/// Decodes Nonin serial data format #8: one 4-byte frame a second, `STATUS1 HR-LSB SPO2 STATUS2`, no checksum.
public struct NoninFormat8Decoder: ByteStreamDecoder {
    static let frameLength = 4

    private var scanner = SerialFrameScanner(frameLength: frameLength)
    private var inSync = false
    private var clock = SerialSampleClock(rateHz: 1)

    public init() {}

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var batch = DecodedBatch()
        scanner.append(bytes)
        while true {
            // Without a checksum one plausible frame may be noise: sync is acquired only on two plausible
            // frames in a row (one second's delay at start-up and after garbage) and kept while every frame
            // passes the rule.
            let locked = inSync
            let needing = locked ? Self.frameLength : 2 * Self.frameLength
            guard let step = scanner.next(needing: needing, accept: { bytes, start in
                Self.isFrame(bytes, at: start) && (locked || Self.isFrame(bytes, at: start + Self.frameLength))
            }) else { break }
            batch.frames += 1
            switch step {
            case .garbage:
                inSync = false
                batch.errors.append(DecodeError("Nonin #8: bytes that are no frame (bit 7 or SpO2 range); resynchronising"))
            case let .frame(frame, skipped):
                inSync = true
                emit(frame, lostFrames: (skipped + Self.frameLength / 2) / Self.frameLength, nowUnixMs: nowUnixMs, into: &batch)
            }
        }
        return batch
    }

    /// The sync rule, as the format has no sync byte: bit 7 set in STATUS1 and clear in the other three
    /// bytes (so in a clean stream it marks the frame start uniquely), and SpO2 0…100 or 127 (missing).
    static func isFrame(_ bytes: [UInt8], at start: Int) -> Bool {
        let spo2 = bytes[start + 2]
        return bytes[start] & 0x80 != 0 && bytes[start + 1] & 0x80 == 0 && (spo2 <= 100 || spo2 == 127) && bytes[start + 3] & 0x80 == 0
    }

    private mutating func emit(_ frame: [UInt8], lostFrames: Int, nowUnixMs: Int64, into batch: inout DecodedBatch) {
        let startNs = clock.place(samples: 1, afterLost: lostFrames, nowUnixMs: nowUnixMs)
        let time = SerialSampleClock.unixMs(fromNs: startNs)
        var status = NoninStatusBits.report(
            NoninStatusBits.format8Status, isSet: { $0.isSet(frame[0]) }, timeUnixMs: time, into: &batch.conditions
        )
        status.insert(.gatewayTime)
        // STATUS1 bits 1–0 are HR bits 8–7, the same split as format #2's HR MSB byte.
        let rate = NoninStatusBits.heartRate(msb: frame[0], lsb: frame[1])
        batch.values.append(DecodedValue(name: "pr", timeUnixMs: time, value: rate, unit: "/min", status: status))
        let spo2 = NoninStatusBits.spo2(frame[2])
        batch.values.append(DecodedValue(name: "spo2", timeUnixMs: time, value: spo2.value, unit: "%", status: status.union(spo2.status)))
    }
}
