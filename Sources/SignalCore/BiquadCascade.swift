/// Single-channel biquad cascade (up to four sections) that filters eight samples per SIMD step.
///
/// An IIR's feedback makes each sample wait for the previous one; unrolling eight samples into a block
/// state-space form (see `BlockStateSpace`) leaves one loop-carried step per block instead of one per sample.
public struct BiquadCascade: StreamingFilter, Sendable {
    public let sections: [BiquadCoefficients]
    private let plan: BlockStateSpace
    private var state = SIMD8<Float>()
    private var cursor = BlockCursor()

    public init(sections: [BiquadCoefficients]) {
        self.sections = sections
        plan = BlockStateSpace(sections: sections)
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        guard let out = output.baseAddress else { return }
        var cursor = self.cursor
        var state = self.state
        let stateCount = plan.stateCount
        plan.columns.withUnsafeBufferPointer { columns in
            let m = columns.baseAddress!
            cursor.feed(input) { x, lanes, offset in
                let step = BlockStateSpace.step(m, stateCount: stateCount, x: x, state: state)
                BlockCursor.store(step.y, lanes: lanes, to: out, offset: offset)
                if lanes.upperBound == 8 { state = step.state }
            }
        }
        self.cursor = cursor
        self.state = state
    }

    public mutating func reset() {
        state = SIMD8()
        cursor.reset()
    }
}
