import GatewayModel
import SignalAnalysis

/// Pulse detection on one pleth or arterial-pressure channel: pulse times and whether there are pulses.
struct PulseWatch: Sendable {
    private var clock: SampleClock?
    private var detector: PulseDetector?
    private var last: Double = 0

    /// Pulses per minute over the detector's recent window, or nil while there are no pulses.
    var pulseRate: Double? {
        guard let status = detector?.status, status.isPresent else { return nil }
        return status.pulseRate
    }

    /// The times of the pulses this chunk completed.
    mutating func observe(_ chunk: WaveformChunk) -> [Int64] {
        guard !chunk.samples.isEmpty else { return [] }
        var gap = clock.map { $0.gap(before: chunk.startUnixNs) } ?? -1
        if clock?.periodNs != chunk.periodNs || gap < 0 || Int64(gap) * chunk.periodNs > ECGWatch.maxBridgedGap.nanoseconds {
            clock = SampleClock(originUnixNs: chunk.startUnixNs, periodNs: chunk.periodNs)
            detector = PulseDetector(sampleRate: 1e9 / Double(chunk.periodNs))
            gap = 0
        }
        guard var clock, var detector else { return [] }
        var pulses = detector.process(repeatElement(last, count: gap))
        let (scale, offset) = (chunk.scale, chunk.offset)
        pulses += detector.process(chunk.samples.lazy.map { Double($0) * scale + offset })
        clock.advance(by: gap + chunk.samples.count)
        last = Double(chunk.samples.last ?? 0) * scale + offset
        self.clock = clock
        self.detector = detector
        return pulses.map { clock.unixMs(ofSample: $0.peak) }
    }
}
