import GatewayModel

/// Assembles Nonin format #2/#7 frames into 25-frame packets (1/3 s): values, conditions and pleth come
/// only from a packet received whole and in order, from its SYNC frame on.
struct NoninPacketAssembler: Sendable {
    struct Frame: Sendable {
        var status: UInt8
        var pleth: Int32
        var data: UInt8
    }

    static let framesPerPacket = 25
    static let plethRateHz = 75.0

    private var frames: [Frame] = []
    /// After a gap the frame's place in its packet is unknown, so everything up to the next SYNC is dropped.
    private var waitingForSync = true
    /// Pleth samples that never made it into an emitted packet, to keep the sample clock on real time.
    private var lostSamples = 0
    private var clock = SerialSampleClock(rateHz: plethRateHz)

    init() {
        frames.reserveCapacity(Self.framesPerPacket)
    }

    mutating func add(_ frame: Frame, afterSkipping skipped: Int, frameLength: Int, nowUnixMs: Int64, into batch: inout DecodedBatch) {
        if skipped > 0 {
            // Rounded: noise in a frame skips its 5 bytes, an overrun that dropped 2 of them skips 3, a stray byte 1.
            lostSamples += frames.count + (skipped + frameLength / 2) / frameLength
            frames.removeAll(keepingCapacity: true)
            waitingForSync = true
        }
        let isSync = frame.status & 0x01 != 0
        if isSync {
            if !frames.isEmpty {
                batch.errors.append(DecodeError("Nonin: packet cut short after \(frames.count) of 25 frames by a new SYNC frame"))
                lostSamples += frames.count
                frames.removeAll(keepingCapacity: true)
            }
            waitingForSync = false
        } else if waitingForSync {
            lostSamples += 1
            return
        } else if frames.isEmpty {
            batch.errors.append(DecodeError("Nonin: packet longer than 25 frames (no SYNC frame)"))
            lostSamples += 1
            waitingForSync = true
            return
        }
        frames.append(frame)
        if frames.count == Self.framesPerPacket {
            emit(nowUnixMs: nowUnixMs, into: &batch)
            frames.removeAll(keepingCapacity: true)
        }
    }

    private mutating func emit(nowUnixMs: Int64, into batch: inout DecodedBatch) {
        let startNs = clock.place(samples: frames.count, afterLost: lostSamples, nowUnixMs: nowUnixMs)
        lostSamples = 0
        let time = SerialSampleClock.unixMs(fromNs: startNs)
        // Perfusion is only flagged during a pulse and STATUS changes frame to frame: a bit set in any
        // frame of the packet holds for the packet.
        let frames = self.frames
        var status = NoninStatusBits.report(
            NoninStatusBits.packetStatus, isSet: { bit in frames.contains { bit.isSet($0.status) } }, timeUnixMs: time,
            into: &batch.conditions
        )
        // The device sends no time: the gateway's sample clock stamps it.
        status.insert(.gatewayTime)
        let rate = NoninStatusBits.heartRate(msb: frames[0].data, lsb: frames[1].data)
        batch.values.append(DecodedValue(name: "pr", timeUnixMs: time, value: rate, unit: "/min", status: status))
        for (name, index) in [("spo2", 2), ("spo2-d", 8), ("spo2-fast", 9), ("spo2-b2b", 10)] {
            let spo2 = NoninStatusBits.spo2(frames[index].data)
            batch.values.append(DecodedValue(name: name, timeUnixMs: time, value: spo2.value, unit: "%", status: status.union(spo2.status)))
        }
        batch.waveforms.append(
            DecodedWaveform(name: "pleth", startUnixNs: startNs, periodNs: clock.periodNs, samples: frames.map(\.pleth))
        )
    }
}
