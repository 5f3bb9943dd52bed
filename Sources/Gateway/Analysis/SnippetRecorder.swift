import GatewayModel

/// Keeps the last seconds of each device's waveforms so a high-priority alarm can carry what the
/// signal looked like: `before` its onset to `after` it, sent on the alarm lane once recorded.
struct SnippetRecorder: Sendable {
    private struct Request: Sendable {
        let device: String
        let fromUnixMs: Int64
        let untilUnixMs: Int64
    }

    let before: Duration
    let after: Duration
    static let conditionDelayAllowance: Duration = .seconds(15)
    private var history: [String: [WaveformChunk]] = [:]
    private var requests: [Request] = []

    init(before: Duration = .seconds(10), after: Duration = .seconds(5)) {
        self.before = before
        self.after = after
    }

    /// Asks for a snippet around a raised high-priority event of a device that has waveforms.
    mutating func request(for event: Event) {
        guard event.kind == .raised, event.priority == .high, history[event.device] != nil else { return }
        let onset = event.onsetUnixMs ?? event.timeUnixMs
        requests.append(Request(device: event.device, fromUnixMs: onset - before.milliseconds, untilUnixMs: event.timeUnixMs + after.milliseconds))
    }

    /// Records a chunk; returns the snippets it completed.
    mutating func record(_ chunk: WaveformChunk) -> [WaveformChunk] {
        // Onset to raise takes up to a condition delay (4 s for asystole, more for slow limits): keep that too.
        let horizon = chunk.endUnixMs - (before + after + Self.conditionDelayAllowance).milliseconds
        history[chunk.device, default: []].append(chunk)
        // Chunks arrive in time order, so the expired ones are a prefix: no scan of the whole history.
        if let expired = history[chunk.device]?.prefix(while: { $0.endUnixMs < horizon }).count, expired > 0 {
            history[chunk.device]?.removeFirst(expired)
        }
        return complete { $0.device == chunk.device && $0.untilUnixMs <= chunk.endUnixMs }
    }

    /// Sends what there is of snippets whose device stopped sending waveforms.
    mutating func tick(nowUnixMs: Int64) -> [WaveformChunk] {
        let grace = after.milliseconds
        return complete { $0.untilUnixMs + grace < nowUnixMs }
    }

    private mutating func complete(where isDue: (Request) -> Bool) -> [WaveformChunk] {
        let due = requests.filter(isDue)
        guard !due.isEmpty else { return [] }
        requests.removeAll(where: isDue)
        return due.flatMap { request in
            (history[request.device] ?? []).compactMap { $0.slice(fromUnixMs: request.fromUnixMs, untilUnixMs: request.untilUnixMs) }
        }
    }
}

extension WaveformChunk {
    var endUnixMs: Int64 { (startUnixNs + Int64(samples.count) * periodNs) / 1_000_000 }

    /// The samples of this chunk inside [from, until), or nil when there are none.
    func slice(fromUnixMs: Int64, untilUnixMs: Int64) -> WaveformChunk? {
        guard periodNs > 0 else { return nil }
        let first = max(0, Int((fromUnixMs * 1_000_000 - startUnixNs + periodNs - 1) / periodNs))
        let end = min(samples.count, Int(max(0, untilUnixMs * 1_000_000 - startUnixNs) / periodNs))
        guard first < end else { return nil }
        var part = self
        part.startUnixNs = startUnixNs + Int64(first) * periodNs
        part.samples = Array(samples[first..<end])
        return part
    }
}
