/// Reference peak finder: the `PeakTracker` rules applied to every sample.
public struct ScalarPeakFinder: Sendable {
    private var tracker: PeakTracker

    public init(threshold: Float, refractory: Int) {
        tracker = PeakTracker(threshold: threshold, refractory: refractory)
    }

    /// Every peak at an index below this has been emitted or discarded: the finder's decision horizon.
    public var settledIndex: Int { tracker.settledIndex }

    /// Samples read so far.
    public var sampleCount: Int { tracker.index }

    /// Appends the peaks decided while reading `input` to `peaks`.
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into peaks: inout [Peak]) {
        for x in input { tracker.step(x, into: &peaks) }
    }

    public mutating func process(_ input: [Float], into peaks: inout [Peak]) {
        input.withUnsafeBufferPointer { process($0, into: &peaks) }
    }
}
