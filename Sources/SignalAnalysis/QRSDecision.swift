import SignalCore

/// The Pan–Tompkins decision rules, applied to located candidates in the order of their feature peaks.
///
/// Events happen at logical times (a candidate at its feature peak, a search-back when a beat is overdue, the end of
/// learning), never at the arrival of a chunk, which is what makes the output independent of chunking.
struct QRSDecision: Sendable {
    let locator: QRSLocator
    private let refractory: Int
    private let tWaveWindow: Int
    private let learningEnd: Int
    private let searchBackFactor: Double
    private let rrBounds: ClosedRange<Double>
    private let flatAfter: Int
    private var levels = AdaptiveLevels()
    private(set) var rr = RRHistory()
    private var learning = true
    private var learningMax: Float = 0
    private var learningSum: Double = 0
    private var learningQueue: [QRSCandidate] = []
    private var lastBeat: QRSCandidate?
    /// Highest sub-threshold candidate since the last beat: what search-back would take.
    private var bestNoise: QRSCandidate?
    private var lastActivity: Int?
    /// Running mean of accepted beats' noise ratios.
    private var noiseRatio: Float = 0
    /// Noise ratios above this make a lead noisy: clean MIT-BIH leads stay below about 0.2, added noise lifts the
    /// ratio above it.
    static let noisyRatio: Float = 0.25

    init(configuration c: QRSDetectorConfiguration) {
        locator = QRSLocator(configuration: c)
        refractory = c.samples(c.refractory)
        tWaveWindow = c.samples(c.tWaveWindow)
        learningEnd = c.samples(c.learningPeriod)
        searchBackFactor = c.searchBackFactor
        rrBounds = Double(c.samples(0.3))...Double(c.samples(2))
        flatAfter = c.samples(c.flatAfter)
    }

    /// Accumulates the feature's maximum and mean over the learning period.
    mutating func observeLearning(_ integrated: [Float], startingAt first: Int) {
        guard learning, first < learningEnd else { return }
        for x in integrated.prefix(learningEnd - first) {
            learningMax = max(learningMax, x)
            learningSum += Double(x)
        }
    }

    mutating func handle(_ candidate: QRSCandidate, into beats: inout [QRSBeat]) {
        if learning {
            guard candidate.feature.index >= learningEnd else { return learningQueue.append(candidate) }
            finishLearning(into: &beats)
        }
        searchBack(before: candidate.feature.index, into: &beats)
        classify(candidate, into: &beats)
    }

    /// Called once every candidate with a feature peak before `settled` has been handled.
    mutating func settle(through settled: Int, into beats: inout [QRSBeat]) {
        if learning {
            guard settled >= learningEnd else { return }
            finishLearning(into: &beats)
        }
        searchBack(before: settled, into: &beats)
    }

    private mutating func finishLearning(into beats: inout [QRSBeat]) {
        learning = false
        levels.signal = learningMax / 3
        levels.noise = Float(learningSum / Double(learningEnd)) / 2
        let queue = learningQueue
        learningQueue = []
        for candidate in queue {
            searchBack(before: candidate.feature.index, into: &beats)
            classify(candidate, into: &beats)
        }
    }

    private mutating func classify(_ candidate: QRSCandidate, into beats: inout [QRSBeat]) {
        let height = candidate.feature.value
        if height > 0.02 * levels.signal { lastActivity = candidate.feature.index }
        if let last = lastBeat {
            let distance = candidate.rIndex - last.rIndex
            if distance < refractory { return levels.learnNoise(height) }
            if distance < tWaveWindow, candidate.slope < 0.5 * last.slope { return levels.learnNoise(height) }
        }
        if height > levels.threshold { return accept(candidate, searchBack: false, into: &beats) }
        levels.learnNoise(height)
        if height > bestNoise?.feature.value ?? -.infinity { bestNoise = candidate }
    }

    /// Takes the best sub-threshold candidate since the last beat once a beat is overdue at logical time `now`.
    ///
    /// A failed attempt is repeated at every later event; between two candidates nothing it reads changes, so how
    /// often it runs (which depends on chunking) cannot change what it decides.
    private mutating func searchBack(before now: Int, into beats: inout [QRSBeat]) {
        guard !learning, let last = lastBeat, let average = rr.average else { return }
        let due = last.feature.index + Int(searchBackFactor * min(max(average, rrBounds.lowerBound), rrBounds.upperBound))
        guard due < now, let candidate = bestNoise, candidate.feature.value > levels.searchBackThreshold else { return }
        accept(candidate, searchBack: true, into: &beats)
    }

    private mutating func accept(_ candidate: QRSCandidate, searchBack: Bool, into beats: inout [QRSBeat]) {
        levels.learnSignal(candidate.feature.value, searchBack: searchBack)
        let interval = lastBeat.map { candidate.rIndex - $0.rIndex }
        noiseRatio = lastBeat == nil ? candidate.noiseRatio : 0.75 * noiseRatio + 0.25 * candidate.noiseRatio
        var quality = quality(at: candidate.feature.index)
        if quality == .good, candidate.noiseRatio > Self.noisyRatio { quality = .noisy }
        if let interval { rr.add(interval) }
        beats.append(
            QRSBeat(
                sampleIndex: candidate.rIndex, amplitude: candidate.amplitude, polarity: candidate.polarity,
                rrSamples: interval, foundBySearchBack: searchBack, noiseRatio: candidate.noiseRatio,
                quality: quality))
        (lastBeat, bestNoise) = (candidate, nil)
    }

    func quietThrough(settled: Int) -> Int {
        guard !learning else { return 0 }
        var horizon = settled - locator.reachBack - locator.rawBefore
        if let pending = bestNoise, pending.feature.value > levels.searchBackThreshold { horizon = min(horizon, pending.rIndex) }
        return max(0, horizon)
    }

    func quality(at index: Int) -> LeadQuality {
        guard let lastActivity, index - lastActivity <= flatAfter else { return learning ? .good : .flat }
        return levels.isNoisy || noiseRatio > Self.noisyRatio ? .noisy : .good
    }

    func decidedThrough(settled: Int) -> Int {
        guard !learning else { return 0 }
        var horizon = settled - locator.reachBack - locator.rawBefore
        if let pending = bestNoise { horizon = min(horizon, pending.rIndex) }
        return max(0, horizon)
    }
}
