import Foundation

/// The samples of a `WaveformChunk` message in either of its forms: `packed_samples` (what
/// `BatchCodec` sends) or the older `samples` first differences (what it still accepts).
extension Vitalgate_V1_WaveformChunk {
    /// Sets `samples` packed, the smaller of the two forms.
    mutating func setPackedSamples(_ samples: [Int32]) {
        let packed = SamplePacking.encode(samples)
        packedSamples = Data(packed.bytes)
        // A count past UInt32 would be a 16 GiB chunk, far beyond protobuf's 2 GiB message limit.
        sampleCount = UInt32(packed.count)
        predictor = .init(packed.predictor)
    }

    /// The samples from whichever form the message carries; throws `OpenError.malformedBatch`
    /// naming `what` (e.g. "waveform 2") when they cannot be decoded.
    func decodedSamples(of what: String) throws(OpenError) -> [Int32] {
        guard sampleCount > 0 || !packedSamples.isEmpty else { return SampleDeltas.decode(samples) }
        guard samples.isEmpty else { throw .malformedBatch("\(what) has both samples and packed_samples") }
        guard let model = predictor.model else { throw .malformedBatch("\(what) has unknown predictor \(predictor.rawValue)") }
        do {
            return try SamplePacking.decode([UInt8](packedSamples), count: Int(sampleCount), predictor: model)
        } catch {
            throw .malformedBatch("\(what) has malformed packed_samples: \(error)")
        }
    }
}

extension Vitalgate_V1_WaveformChunk.Predictor {
    init(_ predictor: SamplePredictor) {
        switch predictor {
        case .firstOrder: self = .firstOrder
        case .secondOrder: self = .secondOrder
        }
    }

    /// The predictor, nil for a value this receiver does not know.
    var model: SamplePredictor? {
        switch self {
        case .firstOrder: .firstOrder
        case .secondOrder: .secondOrder
        case .UNRECOGNIZED: nil
        }
    }
}
