/// The per-sample peak logic shared by `PeakFinder` and `ScalarPeakFinder`.
///
/// A peak is the first sample of a rise's top (plateaus count once) with value ≥ `threshold`. Peaks closer than
/// `refractory` samples compete: a later, strictly higher one replaces the held candidate. The candidate is emitted
/// once no future peak can fall within its refractory period, so emitted peaks are ≥ `refractory` apart and the
/// decision lags a peak by about `refractory` samples.
struct PeakTracker: Sendable {
    let threshold: Float
    let refractory: Int
    private(set) var index = 0
    private(set) var last: Float = -.infinity
    private var rising = false
    private var top = 0
    private(set) var candidate: Peak?

    init(threshold: Float, refractory: Int) {
        precondition(refractory >= 1, "refractory period must be at least one sample")
        self.threshold = threshold
        self.refractory = refractory
    }

    @inline(__always)
    mutating func step(_ x: Float, into peaks: inout [Peak]) {
        if x > last {
            (rising, top) = (true, index)
        } else if x < last, rising {
            rising = false
            if last >= threshold { offer(Peak(index: top, value: last), into: &peaks) }
        }
        last = x
        index += 1
        if let held = candidate, (rising ? top : index) - held.index >= refractory {
            peaks.append(held)
            candidate = nil
        }
    }

    private mutating func offer(_ peak: Peak, into peaks: inout [Peak]) {
        guard let held = candidate else { candidate = peak; return }
        if peak.index - held.index < refractory {
            if peak.value > held.value { candidate = peak }
        } else {
            peaks.append(held)
            candidate = peak
        }
    }

    /// Every peak at an index below this has been emitted or discarded.
    var settledIndex: Int { min(candidate?.index ?? .max, rising ? top : index) }

    /// Skips samples known to hold no qualifying peak: valid only while nothing is held and `last` < threshold.
    mutating func skip(count: Int, last: Float) {
        (index, self.last, rising) = (index + count, last, false)
    }
}
