/// Reference rolling minimum and maximum: a full scan of the window at every sample.
public struct ScalarRollingExtrema: Sendable {
    public let window: Int
    private var history: [Float] = []

    public init(window: Int) {
        precondition(window >= 1, "window must be at least one sample")
        self.window = window
    }

    public mutating func process(_ sample: Float) -> (minimum: Float, maximum: Float) {
        if history.count == window { history.removeFirst() }
        history.append(sample)
        return (history.min()!, history.max()!)
    }

    public mutating func reset() { history.removeAll() }
}
