import GatewayModel
import SignalAnalysis

/// QRS detection on every ECG lead of one device, fused so that noise or a lost electrode on one
/// lead does not erase the beats another lead sees.
///
/// Leads of one device share a sample clock; lost frames are bridged with the last value so the
/// leads stay aligned, and a long gap or a change of rate starts the analysis afresh.
struct ECGWatch: Sendable {
    private struct Lead: Sendable {
        var clock: SampleClock
        var detector: QRSDetector
        var last: Float = 0
    }

    /// Beyond this, a gap is an interruption, not a few lost frames.
    static let maxBridgedGap: Duration = .seconds(2)

    let channels: [String]
    private var leads: [Lead?]
    private var fuser: MultiLeadBeatFuser?
    private var origin: (unixNs: Int64, periodNs: Int64)?
    private var scratch: [Float] = []
    private var beats: [QRSBeat] = []

    init(channels: [String]) {
        self.channels = channels
        leads = Array(repeating: nil, count: channels.count)
    }

    /// Beats of one chunk of lead `channel`, and the fused beats every lead has decided by now.
    mutating func observe(_ chunk: WaveformChunk, perLead: inout [DetectedBeat], fused: inout [Int64]) {
        guard let lead = channels.firstIndex(of: chunk.channel.name), !chunk.samples.isEmpty else { return }
        prepare(lead, for: chunk)
        guard var state = leads[lead] else { return }
        fill(&scratch, bridging: max(0, state.clock.gap(before: chunk.startUnixNs)), last: state.last, chunk: chunk)
        beats.removeAll(keepingCapacity: true)
        state.detector.process(scratch, into: &beats)
        state.clock.advance(by: scratch.count)
        state.last = scratch.last ?? state.last
        for beat in beats {
            perLead.append(DetectedBeat(device: chunk.device, channel: chunk.channel.name, sampleIndex: beat.sampleIndex, unixMs: state.clock.unixMs(ofSample: beat.sampleIndex)))
        }
        fuser?.add(lead: lead, beats: beats, decidedThrough: state.detector.quietThrough, quality: state.detector.quality)
        leads[lead] = state
        var decided: [FusedBeat] = []
        fuser?.drain(into: &decided)
        fused += decided.map { state.clock.unixMs(ofSample: $0.sampleIndex) }
    }

    /// The end of the stream: the beats each lead still held back to decide.
    mutating func finish(perLead: inout [DetectedBeat], device: String) {
        for index in leads.indices {
            guard var state = leads[index] else { continue }
            beats.removeAll(keepingCapacity: true)
            state.detector.finish(into: &beats)
            for beat in beats {
                perLead.append(DetectedBeat(device: device, channel: channels[index], sampleIndex: beat.sampleIndex, unixMs: state.clock.unixMs(ofSample: beat.sampleIndex)))
            }
            leads[index] = state
        }
    }

    /// Stream time up to which no lead can still report a beat (see `QRSDetector.quietThrough`).
    var quietThroughUnixMs: Int64? {
        leads.compactMap { $0.map { $0.clock.unixMs(ofSample: $0.detector.quietThrough) } }.min()
    }

    /// Starts (or restarts) the device's analysis when this chunk cannot continue it.
    private mutating func prepare(_ lead: Int, for chunk: WaveformChunk) {
        if let origin, origin.periodNs == chunk.periodNs, let state = leads[lead] {
            let gap = state.clock.gap(before: chunk.startUnixNs)
            if gap >= 0, Int64(gap) * chunk.periodNs <= Self.maxBridgedGap.nanoseconds { return }
        }
        if let origin, origin.periodNs == chunk.periodNs, leads[lead] == nil {
            // A lead joining a running device: same clock, starting where the others did.
            leads[lead] = Lead(clock: SampleClock(originUnixNs: origin.unixNs, periodNs: origin.periodNs), detector: QRSDetector(sampleRate: 1e9 / Double(chunk.periodNs)))
            return
        }
        origin = (chunk.startUnixNs, chunk.periodNs)
        let rate = 1e9 / Double(chunk.periodNs)
        leads = Array(repeating: nil, count: channels.count)
        leads[lead] = Lead(clock: SampleClock(originUnixNs: chunk.startUnixNs, periodNs: chunk.periodNs), detector: QRSDetector(sampleRate: rate))
        fuser = MultiLeadBeatFuser(leadCount: channels.count, sampleRate: rate)
    }

    private func fill(_ buffer: inout [Float], bridging gap: Int, last: Float, chunk: WaveformChunk) {
        buffer.removeAll(keepingCapacity: true)
        if gap > 0 { buffer.append(contentsOf: repeatElement(last, count: gap)) }
        let (scale, offset) = (chunk.scale, chunk.offset)
        for sample in chunk.samples { buffer.append(Float(Double(sample) * scale + offset)) }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
