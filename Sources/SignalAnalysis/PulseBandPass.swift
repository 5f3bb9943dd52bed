import SignalCore
/// Second-order Butterworth high-pass then low-pass (cookbook biquads, transposed direct form II), in Double.
struct PulseBandPass: Sendable {
    private var sections: [PulseBiquad]
    private var primed = false

    init(passBand: ClosedRange<Double>, sampleRate: Double) {
        let nyquist = sampleRate / 2
        let high = min(passBand.upperBound, 0.45 * sampleRate)
        precondition(passBand.lowerBound > 0 && high < nyquist && passBand.lowerBound < high, "pass band must lie inside (0, Nyquist)")
        sections = [.highPass(cutoff: passBand.lowerBound, sampleRate: sampleRate), .lowPass(cutoff: high, sampleRate: sampleRate)]
    }

    mutating func process(_ x: Double) -> Double {
        // Starting in the steady state of the first sample avoids a step transient on signals with a large offset (ABP).
        if !primed {
            var level = x
            for index in sections.indices { level = sections[index].prime(level) }
            primed = true
        }
        var y = x
        for index in sections.indices { y = sections[index].process(y) }
        return y
    }
}

/// One normalised biquad section (a0 = 1).
struct PulseBiquad: Sendable {
    let b0, b1, b2, a1, a2: Double
    private var z1 = 0.0, z2 = 0.0

    init(b0: Double, b1: Double, b2: Double, a0: Double, a1: Double, a2: Double) {
        (self.b0, self.b1, self.b2, self.a1, self.a2) = (b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0)
    }

    static func lowPass(cutoff: Double, sampleRate: Double) -> Self {
        let (c, alpha) = prewarp(cutoff, sampleRate)
        return Self(b0: (1 - c) / 2, b1: 1 - c, b2: (1 - c) / 2, a0: 1 + alpha, a1: -2 * c, a2: 1 - alpha)
    }

    static func highPass(cutoff: Double, sampleRate: Double) -> Self {
        let (c, alpha) = prewarp(cutoff, sampleRate)
        return Self(b0: (1 + c) / 2, b1: -(1 + c), b2: (1 + c) / 2, a0: 1 + alpha, a1: -2 * c, a2: 1 - alpha)
    }

    private static func prewarp(_ frequency: Double, _ sampleRate: Double) -> (cos: Double, alpha: Double) {
        let w = 2 * Double.pi * frequency / sampleRate
        // Q = 1/√2 (Butterworth), so alpha = sin(w) / (2Q) = sin(w) / √2.
        return (Trigonometry.cos(w), Trigonometry.sin(w) / 2.0.squareRoot())
    }

    mutating func process(_ x: Double) -> Double {
        let y = b0 * x + z1
        z1 = b1 * x - a1 * y + z2
        z2 = b2 * x - a2 * y
        return y
    }

    /// Sets the state a constant input `x` would settle into; returns the settled output.
    mutating func prime(_ x: Double) -> Double {
        let y = x * (b0 + b1 + b2) / (1 + a1 + a2)
        z2 = b2 * x - a2 * y
        z1 = b1 * x - a1 * y + z2
        return y
    }
}
