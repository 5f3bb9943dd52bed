import DeviceCodecs
import LocalLab

enum Feed {
    static func whole<D: ByteStreamDecoder>(_ decoder: D, _ bytes: [UInt8], now: Int64) -> DecodedBatch {
        var decoder = decoder
        return decoder.decode(bytes, nowUnixMs: now)
    }

    static func byteByByte<D: ByteStreamDecoder>(_ decoder: D, _ bytes: [UInt8], now: Int64) -> DecodedBatch {
        var decoder = decoder
        var batch = DecodedBatch()
        for byte in bytes { batch.merge(decoder.decode([byte], nowUnixMs: now)) }
        return batch
    }

    /// Random chunk sizes from 0 (an empty read) up to `maxChunk`.
    static func randomChunks<D: ByteStreamDecoder>(
        _ decoder: D, _ bytes: [UInt8], now: Int64, maxChunk: Int = 64, seed: UInt64
    ) -> DecodedBatch {
        var decoder = decoder
        var generator = SplitMix64(seed: seed)
        var batch = DecodedBatch()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 0...maxChunk, using: &generator))
            batch.merge(decoder.decode(Array(bytes[start..<end]), nowUnixMs: now))
            start = end
        }
        return batch
    }
}

/// Builds Nonin format #2/#7/#8 streams by the spec, to test the decoders against an independent encoder.
enum NoninEncoder {
    struct Packet {
        var hr = 72
        var spo2: UInt8 = 97
        var spo2D: UInt8 = 96
        var spo2Fast: UInt8 = 95
        var spo2BeatToBeat: UInt8 = 94
        /// STATUS bits 6–1, or-ed into every frame (bit 7 and SYNC are added by the encoder).
        var status: UInt8 = 0
        /// Per-frame extra STATUS bits, for bits that come and go within a packet (perfusion).
        var frameStatus: [Int: UInt8] = [:]
        var pleth: [Int] = (0..<25).map { 100 + $0 }
    }

    static func data(_ packet: Packet, frame: Int) -> UInt8 {
        switch frame {
        case 0: UInt8((packet.hr >> 7) & 0x03)
        case 1: UInt8(packet.hr & 0x7F)
        case 2: packet.spo2
        case 3: 0x2A  // firmware revision
        case 8: packet.spo2D
        case 9: packet.spo2Fast
        case 10: packet.spo2BeatToBeat
        default: 0
        }
    }

    static func status(_ packet: Packet, frame: Int) -> UInt8 {
        0x80 | packet.status | (packet.frameStatus[frame] ?? 0) | (frame == 0 ? 0x01 : 0)
    }

    /// `checksumError` is added to CHK: 0 for a good frame.
    static func format2Frame(status: UInt8, pleth: UInt8, data: UInt8, checksumError: UInt8 = 0) -> [UInt8] {
        let body: [UInt8] = [0x01, status, pleth, data]
        return body + [body.reduce(0, &+) &+ checksumError]
    }

    static func format7Frame(status: UInt8, pleth: UInt16, data: UInt8, checksumError: UInt8 = 0) -> [UInt8] {
        let body: [UInt8] = [0x01, status, UInt8(pleth >> 8), UInt8(pleth & 0xFF), data]
        return body + [body.reduce(0, &+) &+ checksumError]
    }

    static func format2(_ packet: Packet) -> [UInt8] {
        (0..<25).flatMap { format2Frame(status: status(packet, frame: $0), pleth: UInt8(packet.pleth[$0]), data: data(packet, frame: $0)) }
    }

    static func format7(_ packet: Packet) -> [UInt8] {
        (0..<25).flatMap { format7Frame(status: status(packet, frame: $0), pleth: UInt16(packet.pleth[$0]), data: data(packet, frame: $0)) }
    }

    /// Format #8: STATUS1 carries HR bits 8–7 in bits 1–0.
    static func format8(hr: Int, spo2: UInt8, status1: UInt8 = 0, status2: UInt8 = 0) -> [UInt8] {
        [0x80 | status1 | UInt8((hr >> 7) & 0x03), UInt8(hr & 0x7F), spo2, status2]
    }
}

/// Builds COBS waveform frames (see `COBSWaveformFrames`) in a decoder's sample format.
enum WaveformFrameEncoder {
    static func frame(
        sequence: UInt16, samples: [Int32], format: COBSWaveformDecoder.SampleFormat, crcError: UInt16 = 0
    ) -> [UInt8] {
        COBSWaveformFrames.frame(sequence: sequence, samples: samples, bytesPerSample: format == .int24 ? 3 : 2, crcError: crcError)
    }
}
