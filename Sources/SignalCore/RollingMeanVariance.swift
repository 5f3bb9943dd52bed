/// Rolling mean and (population) variance over the last `window` samples, eight samples per SIMD step.
///
/// Before the window has filled, statistics cover the samples seen so far. Sums are taken of x − shift, shift
/// being the first sample, because a large offset (raw ADC counts) would otherwise cancel away the variance.
public struct RollingMeanVariance: Sendable {
    public var window: Int { sums.window }
    private var sums: MovingSumCore
    private var squares: MovingSumCore
    private var cursor = BlockCursor()
    private var shift: Float?
    private var seen = 0

    public init(window: Int) {
        sums = MovingSumCore(window: window)
        squares = MovingSumCore(window: window)
    }

    /// Writes the statistics of the window ending at each input sample.
    public mutating func process(
        _ input: UnsafeBufferPointer<Float>, mean: UnsafeMutableBufferPointer<Float>,
        variance: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(mean.count >= input.count && variance.count >= input.count, "outputs shorter than input")
        guard let meanOut = mean.baseAddress, let varianceOut = variance.baseAddress, let first = input.first else { return }
        let shift = self.shift ?? first
        self.shift = shift
        var (cursor, seen) = (self.cursor, self.seen)
        var sums = MovingSumCore.take(&self.sums)
        var squares = MovingSumCore.take(&self.squares)
        let window = Float(sums.window)
        let lane = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7)
        cursor.feed(input) { x, lanes, offset in
            let centred = x - shift
            let s = sums.sums(centred)
            let q = squares.sums(centred * centred)
            let blockStart = Float(seen - lanes.lowerBound)
            let n = pointwiseMin(SIMD8(repeating: blockStart) + lane + 1, SIMD8(repeating: window))
            let m = s / n
            BlockCursor.store(m + shift, lanes: lanes, to: meanOut, offset: offset)
            BlockCursor.store(pointwiseMax(q / n - m * m, SIMD8()), lanes: lanes, to: varianceOut, offset: offset)
            seen += lanes.count
            if lanes.upperBound == 8 {
                sums.commit(centred, sums: s)
                squares.commit(centred * centred, sums: q)
            }
        }
        (self.cursor, self.seen) = (cursor, seen)
        swap(&sums, &self.sums)
        swap(&squares, &self.squares)
    }

    /// Array form; both outputs take the input's length and keep their capacity.
    public mutating func process(_ input: [Float], mean: inout [Float], variance: inout [Float]) {
        mean.resize(to: input.count)
        variance.resize(to: input.count)
        input.withUnsafeBufferPointer { source in
            mean.withUnsafeMutableBufferPointer { m in
                variance.withUnsafeMutableBufferPointer { process(source, mean: m, variance: $0) }
            }
        }
    }

    public mutating func reset() {
        self = RollingMeanVariance(window: window)
    }
}
