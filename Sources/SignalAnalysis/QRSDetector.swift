import SignalCore

/// Streaming Pan–Tompkins QRS detector for one ECG channel at 125–1000 Hz, either QRS polarity.
///
/// Beats are decided from the integrated feature with adaptive signal/noise levels, T-wave rejection and
/// search-back, and timed on the R peak. A beat is emitted about 0.3 s after its R peak (one refractory period
/// after the feature peak), a search-back beat once it is 1.66 RR overdue; the first beats wait for the learning
/// period. All decisions are functions of sample indices only, so any chunking yields exactly the beats of one
/// whole pass.
public struct QRSDetector: Sendable {
    public let configuration: QRSDetectorConfiguration
    /// Sub-blocks keep every look-back inside the rings whatever the caller's chunk size.
    static let subBlock = 256
    private var frontEnd: PanTompkinsFrontEnd
    private var peaks: PeakFinder
    private var raw: SampleRing
    private var filtered: SampleRing
    private var filteredScratch: [Float] = []
    private var integratedScratch: [Float] = []
    private var found: [Peak] = []
    var decision: QRSDecision

    public init(configuration: QRSDetectorConfiguration) {
        self.configuration = configuration
        frontEnd = PanTompkinsFrontEnd(configuration: configuration.frontEnd)
        peaks = PeakFinder(threshold: 0, refractory: configuration.samples(configuration.refractory))
        let history = Self.subBlock + configuration.samples(1.5)
        raw = SampleRing(minimumCapacity: history)
        filtered = SampleRing(minimumCapacity: history)
        decision = QRSDecision(configuration: configuration)
    }

    public init(sampleRate: Double) {
        self.init(configuration: QRSDetectorConfiguration(sampleRate: sampleRate))
    }

    /// Reads `input` and appends the beats decided meanwhile (in time order) to `beats`.
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into beats: inout [QRSBeat]) {
        var (bandPassed, integrated) = (filteredScratch, integratedScratch)
        (filteredScratch, integratedScratch) = ([], [])
        var start = input.startIndex
        while start < input.endIndex {
            let end = min(input.endIndex, start + Self.subBlock)
            step(UnsafeBufferPointer(rebasing: input[start..<end]), &bandPassed, &integrated, into: &beats)
            start = end
        }
        (filteredScratch, integratedScratch) = (bandPassed, integrated)
    }

    public mutating func process(_ input: [Float], into beats: inout [QRSBeat]) {
        input.withUnsafeBufferPointer { process($0, into: &beats) }
    }

    private mutating func step(
        _ chunk: UnsafeBufferPointer<Float>, _ bandPassed: inout [Float], _ integrated: inout [Float],
        into beats: inout [QRSBeat]
    ) {
        bandPassed.resize(to: chunk.count)
        integrated.resize(to: chunk.count)
        bandPassed.withUnsafeMutableBufferPointer { f in
            integrated.withUnsafeMutableBufferPointer { frontEnd.process(chunk, filtered: f, integrated: $0) }
        }
        let first = raw.end
        raw.append(chunk)
        bandPassed.withUnsafeBufferPointer { filtered.append($0) }
        decision.observeLearning(integrated, startingAt: first)
        found.removeAll(keepingCapacity: true)
        peaks.process(integrated, into: &found)
        for peak in found {
            decision.handle(decision.locator.locate(peak, raw: raw, filtered: filtered), into: &beats)
        }
        decision.settle(through: peaks.settledIndex, into: &beats)
    }

    /// Ends the stream: holds the last sample long enough for pending candidates to be decided and appends the
    /// beats that lie within the samples actually read. Feed nothing afterwards.
    public mutating func finish(into beats: inout [QRSBeat]) {
        let end = raw.end
        guard end > 0 else { return }
        let hold = [Float](repeating: raw[end - 1], count: configuration.samples(configuration.refractory + 0.5))
        var tail: [QRSBeat] = []
        process(hold, into: &tail)
        beats += tail.filter { $0.sampleIndex < end }
    }

    /// Samples read so far.
    public var sampleCount: Int { raw.end }

    /// Every beat with an R peak before this index has been emitted; later ones may still come.
    public var decidedThrough: Int { decision.decidedThrough(settled: peaks.settledIndex) }

    /// Like `decidedThrough`, except that a held candidate too weak for search-back at this moment does
    /// not hold it back: asystole must be told within a second, not once the noise levels settle. A
    /// candidate that search-back accepts later is a late beat, which clears the alarm.
    public var quietThrough: Int { decision.quietThrough(settled: peaks.settledIndex) }

    /// Beats per minute over the last eight RR intervals, once two beats are known.
    public var heartRate: Double? { decision.rr.average.map { 60 * configuration.sampleRate / $0 } }

    /// The last (up to eight) RR intervals, in samples, oldest first.
    public var recentRRIntervals: [Int] { decision.rr.intervals }

    /// The lead's current quality, judged at the last sample read.
    public var quality: LeadQuality { decision.quality(at: raw.end) }
}

extension Array where Element == Float {
    /// Sets the count without giving back capacity.
    mutating func resize(to count: Int) {
        if self.count > count { removeLast(self.count - count) }
        if self.count < count { append(contentsOf: repeatElement(0, count: count - self.count)) }
    }
}
