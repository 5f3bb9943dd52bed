/// Robert Bristow-Johnson's "Audio EQ Cookbook" designs.
extension BiquadCoefficients {
    /// Q of a second-order Butterworth section (maximally flat pass band).
    public static let butterworthQ = 1 / 2.0.squareRoot()

    public static func lowPass(cutoff: Double, sampleRate: Double, q: Double = butterworthQ) -> Self {
        let (cosw, alpha) = Self.prewarp(cutoff, sampleRate, q)
        return Self(b0: (1 - cosw) / 2, b1: 1 - cosw, b2: (1 - cosw) / 2, a0: 1 + alpha, a1: -2 * cosw, a2: 1 - alpha)
    }

    public static func highPass(cutoff: Double, sampleRate: Double, q: Double = butterworthQ) -> Self {
        let (cosw, alpha) = Self.prewarp(cutoff, sampleRate, q)
        return Self(b0: (1 + cosw) / 2, b1: -(1 + cosw), b2: (1 + cosw) / 2, a0: 1 + alpha, a1: -2 * cosw, a2: 1 - alpha)
    }

    /// Constant 0 dB peak gain: unity at `centre`, whatever the Q.
    public static func bandPass(centre: Double, sampleRate: Double, q: Double) -> Self {
        let (cosw, alpha) = Self.prewarp(centre, sampleRate, q)
        return Self(b0: alpha, b1: 0, b2: -alpha, a0: 1 + alpha, a1: -2 * cosw, a2: 1 - alpha)
    }

    public static func notch(centre: Double, sampleRate: Double, q: Double) -> Self {
        let (cosw, alpha) = Self.prewarp(centre, sampleRate, q)
        return Self(b0: 1, b1: -2 * cosw, b2: 1, a0: 1 + alpha, a1: -2 * cosw, a2: 1 - alpha)
    }

    private static func prewarp(_ frequency: Double, _ sampleRate: Double, _ q: Double) -> (cosw: Double, alpha: Double) {
        precondition(frequency > 0 && frequency < sampleRate / 2, "frequency must lie strictly inside (0, Nyquist)")
        precondition(q > 0, "Q must be positive")
        let w = 2 * Double.pi * frequency / sampleRate
        return (Trigonometry.cos(w), Trigonometry.sin(w) / (2 * q))
    }
}
