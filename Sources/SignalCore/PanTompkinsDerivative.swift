/// The Pan–Tompkins five-point derivative, y[n] = fs/10 · (2x[n] + x[n−1] − x[n−3] − 2x[n−4]).
public enum PanTompkinsDerivative {
    /// FIR taps, newest sample first. The original 1/(8T) scaling overstates a ramp's slope by 10/8; fs/10 makes
    /// the output the slope per second, so thresholds on it mean the same at every sample rate.
    public static func taps(sampleRate: Double) -> [Float] {
        let k = Float(sampleRate / 10)
        return [2 * k, k, 0, -k, -2 * k]
    }
}

extension FIRFilter {
    /// The Pan–Tompkins five-point derivative as a SIMD FIR.
    public static func panTompkinsDerivative(sampleRate: Double) -> FIRFilter {
        FIRFilter(taps: PanTompkinsDerivative.taps(sampleRate: sampleRate))
    }
}

extension ScalarFIRFilter {
    /// The Pan–Tompkins five-point derivative, reference form.
    public static func panTompkinsDerivative(sampleRate: Double) -> ScalarFIRFilter {
        ScalarFIRFilter(taps: PanTompkinsDerivative.taps(sampleRate: sampleRate))
    }
}
