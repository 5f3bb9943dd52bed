/// One second-order IIR section, normalised so that a0 = 1 (y = b0 x + b1 x₋₁ + b2 x₋₂ − a1 y₋₁ − a2 y₋₂).
public struct BiquadCoefficients: Sendable, Hashable {
    public var b0: Double
    public var b1: Double
    public var b2: Double
    public var a1: Double
    public var a2: Double

    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        (self.b0, self.b1, self.b2, self.a1, self.a2) = (b0, b1, b2, a1, a2)
    }

    /// Divides through by a0, the form the cookbook formulas produce.
    public init(b0: Double, b1: Double, b2: Double, a0: Double, a1: Double, a2: Double) {
        self.init(b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0)
    }

    /// Passes the input through unchanged; pads cascades to a fixed section count.
    public static let identity = BiquadCoefficients(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)

    /// |H(e^jω)| at `frequency`, for design checks and tests.
    public func magnitude(atFrequency frequency: Double, sampleRate: Double) -> Double {
        let w = 2 * Double.pi * frequency / sampleRate
        let (c1, s1, c2, s2) = (Trigonometry.cos(w), Trigonometry.sin(w), Trigonometry.cos(2 * w), Trigonometry.sin(2 * w))
        let (nr, ni) = (b0 + b1 * c1 + b2 * c2, -(b1 * s1 + b2 * s2))
        let (dr, di) = (1 + a1 * c1 + a2 * c2, -(a1 * s1 + a2 * s2))
        return ((nr * nr + ni * ni) / (dr * dr + di * di)).squareRoot()
    }
}
