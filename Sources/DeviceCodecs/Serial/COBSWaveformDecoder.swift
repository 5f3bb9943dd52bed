/// Decodes the COBS-framed, CRC-checked, sequence-numbered sample frames of custom ECG/PPG front ends.
public struct COBSWaveformDecoder: ByteStreamDecoder {
    /// How one sample is stored.
    public enum SampleFormat: String, Sendable, CaseIterable {
        case int16
        case int24

        public var byteCount: Int {
            switch self {
            case .int16: 2
            case .int24: 3
            }
        }
    }

    public let sampleFormat: SampleFormat
    public let channels: [String]
    public let sampleRateHz: Double
    /// Longest encoded frame accepted; bytes that never meet a 0x00 (wrong baud rate, wrong device) are dropped.
    public let maxFrameBytes: Int

    private var pending: [UInt8] = []
    private var discarding = false
    private var lastSequence: UInt16?
    private var clock: SerialSampleClock

    /// Frames are 0x00-delimited COBS; decoded: `seq: UInt16 LE`, interleaved samples (int16 or int24 LE,
    /// in the order of `channels`), `CRC-16/CCITT-FALSE` of seq and samples, little-endian like every other
    /// field so a microcontroller can send one packed struct. One waveform per channel per frame, timed by
    /// a sample clock that counts lost frames (sequence gaps) at this frame's length.
    ///
    /// `channels` must not be empty and `sampleRateHz` must be finite and positive: the profile loader checks
    /// both, since a decoder cannot report a configuration error per frame.
    public init(sampleFormat: SampleFormat, channels: [String], sampleRateHz: Double, maxFrameBytes: Int = 8192) {
        precondition(!channels.isEmpty, "a waveform frame needs at least one channel")
        precondition(sampleRateHz.isFinite && sampleRateHz > 0, "the sample rate must be positive")
        self.sampleFormat = sampleFormat
        self.channels = channels
        self.sampleRateHz = sampleRateHz
        self.maxFrameBytes = maxFrameBytes
        self.clock = SerialSampleClock(rateHz: sampleRateHz)
    }

    public mutating func decode(_ bytes: [UInt8], nowUnixMs: Int64) -> DecodedBatch {
        var batch = DecodedBatch()
        for byte in bytes {
            if byte == 0 {
                if discarding {
                    discarding = false
                } else if !pending.isEmpty {
                    batch.frames += 1
                    decodeFrame(nowUnixMs: nowUnixMs, into: &batch)
                    pending.removeAll(keepingCapacity: true)
                }
                // An empty frame is a bare delimiter, which senders use to flush the line: nothing to count.
            } else if !discarding {
                pending.append(byte)
                if pending.count > maxFrameBytes {
                    batch.frames += 1
                    batch.errors.append(DecodeError("COBS: frame longer than \(maxFrameBytes) bytes without a delimiter, dropped"))
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
            }
        }
        return batch
    }

    private mutating func decodeFrame(nowUnixMs: Int64, into batch: inout DecodedBatch) {
        guard let frame = COBS.decode(pending) else {
            batch.errors.append(DecodeError("COBS: invalid encoding"))
            return
        }
        let sampleSetBytes = sampleFormat.byteCount * channels.count
        let sampleBytes = frame.count - 4
        guard sampleBytes >= sampleSetBytes, sampleBytes % sampleSetBytes == 0 else {
            batch.errors.append(
                DecodeError(
                    "COBS: frame of \(frame.count) bytes is not seq + whole sets of \(channels.count) \(sampleFormat.rawValue) samples + CRC"
                )
            )
            return
        }
        let received = UInt16(frame[frame.count - 2]) | UInt16(frame[frame.count - 1]) << 8
        guard CRC16CCITTFalse.checksum(frame[0..<(frame.count - 2)]) == received else {
            batch.errors.append(DecodeError("COBS: CRC mismatch, frame dropped"))
            return
        }
        let sequence = UInt16(frame[0]) | UInt16(frame[1]) << 8
        let perChannel = sampleBytes / sampleSetBytes
        var lost = 0
        if let lastSequence {
            let gap = sequence &- lastSequence &- 1
            if gap == 0xFFFF {
                batch.errors.append(DecodeError("COBS: frame \(sequence) repeated, dropped"))
                return
            }
            if gap < 0x8000 {
                lost = Int(gap)
            } else {
                // The sequence went backwards: the device restarted. Counting that as ~65,000 lost frames
                // would throw the clock minutes ahead, so the clock starts over from "now".
                clock = SerialSampleClock(rateHz: sampleRateHz)
            }
        }
        lastSequence = sequence
        batch.lostFrames += lost
        // Lost frames are assumed to be as long as this one: front ends send fixed-size frames.
        let startNs = clock.place(samples: perChannel, afterLost: lost * perChannel, nowUnixMs: nowUnixMs)
        var samples = [[Int32]](repeating: [], count: channels.count)
        for channel in samples.indices { samples[channel].reserveCapacity(perChannel) }
        var offset = 2
        for index in 0..<(perChannel * channels.count) {
            samples[index % channels.count].append(readSample(frame, at: offset))
            offset += sampleFormat.byteCount
        }
        for (channel, name) in channels.enumerated() {
            batch.waveforms.append(DecodedWaveform(name: name, startUnixNs: startNs, periodNs: clock.periodNs, samples: samples[channel]))
        }
    }

    private func readSample(_ frame: [UInt8], at offset: Int) -> Int32 {
        switch sampleFormat {
        case .int16:
            return Int32(Int16(bitPattern: UInt16(frame[offset]) | UInt16(frame[offset + 1]) << 8))
        case .int24:
            let raw = UInt32(frame[offset]) | UInt32(frame[offset + 1]) << 8 | UInt32(frame[offset + 2]) << 16
            // Shift the 24-bit value to the top and back, so the arithmetic shift extends its sign.
            return Int32(bitPattern: raw << 8) >> 8
        }
    }
}
