/// First-difference coding of waveform samples, the form `WaveformChunk.samples` travels in.
///
/// Neighbouring samples of a physiological signal differ little, and packed zigzag varints spend one
/// byte on a value in -64...63, so differences make a regular ECG about one byte per sample where
/// raw values would take two or three. Differences wrap modulo 2^32, so any `Int32` sequence
/// round-trips, even one that jumps from `Int32.min` to `Int32.max`.
enum SampleDeltas {
    /// The first sample as is, then each sample minus the one before it.
    static func encode(_ samples: [Int32]) -> [Int32] {
        var deltas = [Int32]()
        deltas.reserveCapacity(samples.count)
        var previous: Int32 = 0
        for sample in samples {
            deltas.append(sample &- previous)
            previous = sample
        }
        return deltas
    }

    /// The running sum of `deltas`, undoing `encode`.
    static func decode(_ deltas: [Int32]) -> [Int32] {
        var samples = [Int32]()
        samples.reserveCapacity(deltas.count)
        var current: Int32 = 0
        for delta in deltas {
            current = current &+ delta
            samples.append(current)
        }
        return samples
    }
}
