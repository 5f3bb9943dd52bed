/// A biquad cascade unrolled over eight samples: y = D·x + C·s and s' = B·x + A·s, with s the cascade's
/// transposed-direct-form state (two values per section, at most eight).
///
/// The matrices come from running the cascade in Double on unit inputs and unit states, so they hold exactly the
/// recursion they replace, and D is exactly lower triangular (a sample never reaches an earlier output).
struct BlockStateSpace: Sendable {
    /// [D₀…D₇, B₀…B₇, C₀…Cₛ₋₁, A₀…Aₛ₋₁]: columns of the four matrices, one SIMD8 each.
    let columns: [SIMD8<Float>]
    let stateCount: Int

    init(sections: [BiquadCoefficients]) {
        precondition(sections.count <= 4, "a block cascade holds at most four sections")
        stateCount = 2 * sections.count
        var inputColumns: [(SIMD8<Float>, SIMD8<Float>)] = []
        var stateColumns: [(SIMD8<Float>, SIMD8<Float>)] = []
        for j in 0..<8 {
            inputColumns.append(Self.response(sections, input: j, state: nil))
        }
        for i in 0..<stateCount {
            stateColumns.append(Self.response(sections, input: nil, state: i))
        }
        columns = inputColumns.map(\.0) + inputColumns.map(\.1) + stateColumns.map(\.0) + stateColumns.map(\.1)
    }

    /// Outputs and final state over eight samples, from a unit impulse at `input` or a unit initial `state`.
    private static func response(_ sections: [BiquadCoefficients], input: Int?, state: Int?) -> (SIMD8<Float>, SIMD8<Float>) {
        var z = [Double](repeating: 0, count: 2 * sections.count)
        if let state { z[state] = 1 }
        var y = SIMD8<Float>()
        for n in 0..<8 {
            var v: Double = n == input ? 1 : 0
            for (k, c) in sections.enumerated() {
                let out = c.b0 * v + z[2 * k]
                z[2 * k] = c.b1 * v - c.a1 * out + z[2 * k + 1]
                z[2 * k + 1] = c.b2 * v - c.a2 * out
                v = out
            }
            y[n] = Float(v)
        }
        var final = SIMD8<Float>()
        for i in z.indices { final[i] = Float(z[i]) }
        return (y, final)
    }

    /// One block: the outputs and the state after it, from `columns` (as laid out above) and the state before it.
    @inline(__always)
    static func step(
        _ m: UnsafePointer<SIMD8<Float>>, stateCount: Int, x: SIMD8<Float>, state: SIMD8<Float>
    ) -> (y: SIMD8<Float>, state: SIMD8<Float>) {
        var y = SIMD8<Float>()
        var next = SIMD8<Float>()
        for j in 0..<8 {
            let xj = SIMD8<Float>(repeating: x[j])
            y += m[j] * xj
            next += m[8 + j] * xj
        }
        for i in 0..<stateCount {
            let si = SIMD8<Float>(repeating: state[i])
            y += m[16 + i] * si
            next += m[16 + stateCount + i] * si
        }
        return (y, next)
    }
}
