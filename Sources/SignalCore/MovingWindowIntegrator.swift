/// Moving-window integration: the mean of the last `window` samples (samples before the stream count as zero).
public struct MovingWindowIntegrator: StreamingFilter, Sendable {
    public var window: Int { core.window }
    private var core: MovingSumCore
    private var cursor = BlockCursor()

    public init(window: Int) {
        core = MovingSumCore(window: window)
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        guard let out = output.baseAddress else { return }
        var core = MovingSumCore.take(&self.core)
        var cursor = self.cursor
        let scale = 1 / Float(core.window)
        cursor.feed(input) { x, lanes, offset in
            let sums = core.sums(x)
            BlockCursor.store(sums * scale, lanes: lanes, to: out, offset: offset)
            if lanes.upperBound == 8 { core.commit(x, sums: sums) }
        }
        swap(&core, &self.core)
        self.cursor = cursor
    }

    public mutating func reset() {
        core.reset()
        cursor.reset()
    }
}
