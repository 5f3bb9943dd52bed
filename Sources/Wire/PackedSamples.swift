/// Waveform samples as `SamplePacking` compresses them: the `packed_samples`, `sample_count` and
/// `predictor` of a `WaveformChunk` message.
struct PackedSamples: Equatable, Sendable {
    var bytes: [UInt8]
    var count: Int
    var predictor: SamplePredictor
}
