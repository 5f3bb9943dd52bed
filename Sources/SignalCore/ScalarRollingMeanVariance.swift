/// Reference rolling mean and population variance: a two-pass Double computation over the window at every sample.
public struct ScalarRollingMeanVariance: Sendable {
    public let window: Int
    private var history: [Float] = []

    public init(window: Int) {
        precondition(window >= 1, "window must be at least one sample")
        self.window = window
    }

    public mutating func process(_ sample: Float) -> (mean: Float, variance: Float) {
        if history.count == window { history.removeFirst() }
        history.append(sample)
        let mean = history.reduce(0.0) { $0 + Double($1) } / Double(history.count)
        let variance = history.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(history.count)
        return (Float(mean), Float(variance))
    }

    public mutating func reset() { history.removeAll() }
}
