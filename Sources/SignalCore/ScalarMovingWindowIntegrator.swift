/// Reference moving-window integration: a Double running sum over a history ring.
public struct ScalarMovingWindowIntegrator: StreamingFilter, Sendable {
    public let window: Int
    private var history: [Float]
    private var oldest = 0
    private var sum: Double = 0

    public init(window: Int) {
        precondition(window >= 1, "window must be at least one sample")
        self.window = window
        history = Array(repeating: 0, count: window)
    }

    public mutating func process(_ sample: Float) -> Float {
        sum += Double(sample) - Double(history[oldest])
        history[oldest] = sample
        oldest = (oldest + 1) % window
        return Float(sum / Double(window))
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        for i in input.indices { output[i] = process(input[i]) }
    }

    public mutating func reset() {
        self = ScalarMovingWindowIntegrator(window: window)
    }
}
