/// Rolling minimum and maximum over the last `window` samples with monotonic deques: O(1) amortised per sample.
///
/// Each deque keeps only samples that can still become the window's extreme, so a sample enters and leaves once.
/// Before the window has filled, extrema cover the samples seen so far.
public struct RollingExtrema: Sendable {
    public let window: Int
    private var maxima: MonotonicDeque
    private var minima: MonotonicDeque
    private var index = 0

    public init(window: Int) {
        precondition(window >= 1, "window must be at least one sample")
        self.window = window
        maxima = MonotonicDeque(capacity: window)
        minima = MonotonicDeque(capacity: window)
    }

    public mutating func process(_ sample: Float) -> (minimum: Float, maximum: Float) {
        maxima.push(index: index, value: sample, window: window)
        minima.push(index: index, value: -sample, window: window)
        index += 1
        return (-minima.front, maxima.front)
    }

    /// Writes the extrema of the window ending at each input sample.
    public mutating func process(
        _ input: UnsafeBufferPointer<Float>, minimum: UnsafeMutableBufferPointer<Float>,
        maximum: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(minimum.count >= input.count && maximum.count >= input.count, "outputs shorter than input")
        for i in input.indices { (minimum[i], maximum[i]) = process(input[i]) }
    }

    public mutating func reset() { self = RollingExtrema(window: window) }
}
