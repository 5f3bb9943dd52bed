/// Biquad cascade over up to `Lanes.scalarCount` channels in lock-step, one SIMD lane per channel.
///
/// Each lane performs exactly the operations of `ScalarBiquadCascade`, so every channel's output is bit-identical
/// to filtering that channel alone; unused lanes may carry zeros. A frame is one instant of every channel.
public struct MultiChannelBiquadCascade<Lanes: SIMD & Sendable>: Sendable where Lanes.Scalar == Float {
    public let sections: [BiquadCoefficients]
    @usableFromInline let b0, b1, b2, a1, a2: [Lanes]
    @usableFromInline var z1, z2: [Lanes]

    public init(sections: [BiquadCoefficients]) {
        self.sections = sections
        b0 = sections.map { Lanes(repeating: Float($0.b0)) }
        b1 = sections.map { Lanes(repeating: Float($0.b1)) }
        b2 = sections.map { Lanes(repeating: Float($0.b2)) }
        a1 = sections.map { Lanes(repeating: Float($0.a1)) }
        a2 = sections.map { Lanes(repeating: Float($0.a2)) }
        z1 = Array(repeating: Lanes(), count: sections.count)
        z2 = z1
    }

    /// Filters `frames` into `output` (at least as long), carrying each channel's state to the next call.
    @inlinable
    public mutating func process(_ frames: UnsafeBufferPointer<Lanes>, into output: UnsafeMutableBufferPointer<Lanes>) {
        precondition(output.count >= frames.count, "output shorter than input")
        for s in sections.indices {
            var (z1, z2) = (self.z1[s], self.z2[s])
            let (b0, b1, b2, a1, a2) = (self.b0[s], self.b1[s], self.b2[s], self.a1[s], self.a2[s])
            for n in frames.indices {
                let v = s == 0 ? frames[n] : output[n]
                let y = b0 * v + z1
                z1 = b1 * v - a1 * y + z2
                z2 = b2 * v - a2 * y
                output[n] = y
            }
            (self.z1[s], self.z2[s]) = (z1, z2)
        }
    }

    /// Array form; `output` takes the input's length and keeps its capacity.
    @inlinable
    public mutating func process(_ frames: [Lanes], into output: inout [Lanes]) {
        if output.count > frames.count { output.removeLast(output.count - frames.count) }
        if output.count < frames.count { output.append(contentsOf: repeatElement(Lanes(), count: frames.count - output.count)) }
        frames.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { process(source, into: $0) }
        }
    }

    public mutating func reset() {
        for s in sections.indices { (z1[s], z2[s]) = (Lanes(), Lanes()) }
    }
}
