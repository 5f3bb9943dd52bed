/// Streaming peak finder with a minimum height and a refractory period (rules in `PeakTracker`).
///
/// Most of a physiological stream lies below the peak threshold; while nothing is held, eight samples at a time
/// are tested with one SIMD compare and skipped when all are below it.
public struct PeakFinder: Sendable {
    private var tracker: PeakTracker

    /// Peaks below `threshold` are ignored; emitted peaks are at least `refractory` samples apart.
    public init(threshold: Float, refractory: Int) {
        tracker = PeakTracker(threshold: threshold, refractory: refractory)
    }

    /// Every peak at an index below this has been emitted or discarded: the finder's decision horizon.
    public var settledIndex: Int { tracker.settledIndex }

    /// Samples read so far.
    public var sampleCount: Int { tracker.index }

    /// Appends the peaks decided while reading `input` to `peaks`.
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into peaks: inout [Peak]) {
        guard let base = input.baseAddress else { return }
        let threshold = SIMD8<Float>(repeating: tracker.threshold)
        var n = 0
        while n < input.count {
            if tracker.candidate == nil, tracker.last < tracker.threshold, input.count - n >= 8 {
                let x = UnsafeRawPointer(base + n).loadUnaligned(as: SIMD8<Float>.self)
                if !any(x .>= threshold) {
                    tracker.skip(count: 8, last: x[7])
                    n += 8
                    continue
                }
            }
            tracker.step(base[n], into: &peaks)
            n += 1
        }
    }

    public mutating func process(_ input: [Float], into peaks: inout [Peak]) {
        input.withUnsafeBufferPointer { process($0, into: &peaks) }
    }
}
