/// Reference FIR filter: y[n] = Σₜ taps[t] · x[n − t], one output at a time, with a history ring.
public struct ScalarFIRFilter: StreamingFilter, Sendable {
    public let taps: [Float]
    private var history: [Float]
    private var newest = 0

    public init(taps: [Float]) {
        precondition(!taps.isEmpty, "an FIR filter needs at least one tap")
        self.taps = taps
        history = Array(repeating: 0, count: taps.count)
    }

    public mutating func process(_ sample: Float) -> Float {
        newest = (newest + 1) % taps.count
        history[newest] = sample
        var sum: Float = 0
        for t in taps.indices { sum += taps[t] * history[(newest - t + taps.count) % taps.count] }
        return sum
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        for i in input.indices { output[i] = process(input[i]) }
    }

    public mutating func reset() {
        for i in history.indices { history[i] = 0 }
        newest = 0
    }
}
