/// How `SamplePacking` predicts each waveform sample from the ones before it; the wire carries only
/// the prediction errors (residuals), which are small when the prediction is good.
enum SamplePredictor: Sendable, CaseIterable {
    /// The previous sample: residuals are first differences. Best for sharp or noisy signals (ECG).
    case firstOrder
    /// Linear extrapolation 2·x[i−1] − x[i−2]: residuals are second differences. Best for smooth
    /// signals (pleth), where the slope changes less from sample to sample than the value.
    case secondOrder
}

/// The running state of a `SamplePredictor` over a sequence that starts with `first`.
///
/// All arithmetic wraps modulo 2^32, so the prediction is a pure function of the samples before it
/// and encoder and decoder compute the same one for any `Int32` input, overflow included.
struct SamplePrediction {
    let predictor: SamplePredictor
    private var previous: Int32
    /// previous − the one before it; 0 after the first sample, so the second is predicted as the
    /// first by both predictors (there is no slope to extrapolate yet).
    private var slope: Int32 = 0

    init(_ predictor: SamplePredictor, first: Int32) {
        self.predictor = predictor
        previous = first
    }

    /// The prediction of the next sample.
    var next: Int32 {
        switch predictor {
        case .firstOrder: previous
        case .secondOrder: previous &+ slope
        }
    }

    /// Moves past `sample`, the actual value of the sample `next` predicted.
    mutating func advance(past sample: Int32) {
        slope = sample &- previous
        previous = sample
    }
}
