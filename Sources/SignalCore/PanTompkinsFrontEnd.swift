/// The Pan–Tompkins front end (band-pass, five-point derivative, squaring, moving-window integration) fused into
/// one pass of eight-sample SIMD blocks; streaming, with output independent of chunking.
public struct PanTompkinsFrontEnd: Sendable {
    public let configuration: PanTompkinsConfiguration
    private let plan: BlockStateSpace
    private let slopeScale: Float
    private var state = SIMD8<Float>()
    /// The previous block's band-passed samples, for the derivative's four-sample reach back.
    private var previous = SIMD8<Float>()
    private var integrator: MovingSumCore
    private var cursor = BlockCursor()

    public init(configuration: PanTompkinsConfiguration) {
        self.configuration = configuration
        plan = BlockStateSpace(sections: configuration.bandPassSections)
        slopeScale = Float(configuration.sampleRate / 10)
        integrator = MovingSumCore(window: configuration.integrationSamples)
    }

    public init(sampleRate: Double) {
        self.init(configuration: PanTompkinsConfiguration(sampleRate: sampleRate))
    }

    /// Writes the band-passed signal to `filtered` and the integrated feature to `integrated`, one per input.
    public mutating func process(
        _ input: UnsafeBufferPointer<Float>, filtered: UnsafeMutableBufferPointer<Float>,
        integrated: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(filtered.count >= input.count && integrated.count >= input.count, "outputs shorter than input")
        guard let bandOut = filtered.baseAddress, let featureOut = integrated.baseAddress else { return }
        var (cursor, state, previous) = (self.cursor, self.state, self.previous)
        var integrator = MovingSumCore.take(&self.integrator)
        let (stateCount, slopeScale) = (plan.stateCount, self.slopeScale)
        let scale = 1 / Float(integrator.window)
        plan.columns.withUnsafeBufferPointer { columns in
            let m = columns.baseAddress!
            cursor.feed(input) { x, lanes, offset in
                let band = BlockStateSpace.step(m, stateCount: stateCount, x: x, state: state)
                let slope = Self.derivative(band.y, previous: previous) * slopeScale
                let energy = slope * slope
                let sums = integrator.sums(energy)
                BlockCursor.store(band.y, lanes: lanes, to: bandOut, offset: offset)
                BlockCursor.store(sums * scale, lanes: lanes, to: featureOut, offset: offset)
                if lanes.upperBound == 8 {
                    (state, previous) = (band.state, band.y)
                    integrator.commit(energy, sums: sums)
                }
            }
        }
        (self.cursor, self.state, self.previous) = (cursor, state, previous)
        swap(&integrator, &self.integrator)
    }

    /// Array form; both outputs take the input's length and keep their capacity.
    public mutating func process(_ input: [Float], filtered: inout [Float], integrated: inout [Float]) {
        filtered.resize(to: input.count)
        integrated.resize(to: input.count)
        input.withUnsafeBufferPointer { source in
            filtered.withUnsafeMutableBufferPointer { f in
                integrated.withUnsafeMutableBufferPointer { process(source, filtered: f, integrated: $0) }
            }
        }
    }

    public mutating func reset() {
        self = PanTompkinsFrontEnd(configuration: configuration)
    }

    /// 2x[n] + x[n−1] − x[n−3] − 2x[n−4] for the eight lanes of `x`, reaching back into `previous`.
    @inline(__always)
    private static func derivative(_ x: SIMD8<Float>, previous p: SIMD8<Float>) -> SIMD8<Float> {
        let back1 = SIMD8(p[7], x[0], x[1], x[2], x[3], x[4], x[5], x[6])
        let back3 = SIMD8(p[5], p[6], p[7], x[0], x[1], x[2], x[3], x[4])
        let back4 = SIMD8(lowHalf: p.highHalf, highHalf: x.lowHalf)
        return 2 * x + back1 - back3 - 2 * back4
    }
}
