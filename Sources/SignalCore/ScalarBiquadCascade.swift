/// Reference biquad cascade: transposed direct form II, one sample and one section at a time.
public struct ScalarBiquadCascade: StreamingFilter, Sendable {
    public let sections: [BiquadCoefficients]
    private let b0, b1, b2, a1, a2: [Float]
    private var z1, z2: [Float]

    public init(sections: [BiquadCoefficients]) {
        self.sections = sections
        b0 = sections.map { Float($0.b0) }
        b1 = sections.map { Float($0.b1) }
        b2 = sections.map { Float($0.b2) }
        a1 = sections.map { Float($0.a1) }
        a2 = sections.map { Float($0.a2) }
        z1 = Array(repeating: 0, count: sections.count)
        z2 = z1
    }

    public mutating func process(_ sample: Float) -> Float {
        var v = sample
        for s in sections.indices {
            let y = b0[s] * v + z1[s]
            z1[s] = b1[s] * v - a1[s] * y + z2[s]
            z2[s] = b2[s] * v - a2[s] * y
            v = y
        }
        return v
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        for i in input.indices { output[i] = process(input[i]) }
    }

    public mutating func reset() {
        for s in sections.indices { (z1[s], z2[s]) = (0, 0) }
    }
}
