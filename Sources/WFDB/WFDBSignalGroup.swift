/// The signals stored interleaved in one signal file: each frame holds every member's samples in header order.
struct WFDBSignalGroup: Sendable {
    /// One signal's place in the group's frames.
    struct Member: Sendable {
        let signal: Int
        let offsetInFrame: Int
        let samplesPerFrame: Int
        let skew: Int
    }

    /// Caps the frame width so frame × width × bytes stays far inside Int.
    static let maxSamplesPerFrame = 1 << 20

    let source: WFDBByteSource
    let format: WFDBSampleFormat
    let members: [Member]
    let samplesPerFrame: Int
    let byteOffset: Int

    /// Frames the file holds completely, allowing for the largest skew.
    var availableFrames: Int {
        let samples = format.sampleCount(inBytes: max(0, source.size - byteOffset))
        return max(0, samples / samplesPerFrame - (members.map(\.skew).max() ?? 0))
    }

    /// Each member's samples for `frames`, keyed by signal index.
    func read(frames: Range<Int>) throws(WFDBError) -> [Int: [Int32]] {
        guard !frames.isEmpty else { return Dictionary(uniqueKeysWithValues: members.map { ($0.signal, []) }) }
        let first = frames.lowerBound + (members.map(\.skew).min() ?? 0)
        let end = frames.upperBound + (members.map(\.skew).max() ?? 0)
        let byteRange = format.byteRange(samples: first * samplesPerFrame, end * samplesPerFrame)
        let bytes = try source.bytes(in: (byteRange.lowerBound + byteOffset)..<(byteRange.upperBound + byteOffset))
        let stored = format.decode(bytes, samples: first * samplesPerFrame, end * samplesPerFrame)
        var result: [Int: [Int32]] = [:]
        for member in members {
            result[member.signal] = demultiplex(stored, member: member, frames: frames, firstStoredFrame: first)
        }
        return result
    }

    private func demultiplex(_ stored: [Int32], member: Member, frames: Range<Int>, firstStoredFrame: Int) -> [Int32] {
        var samples = [Int32]()
        samples.reserveCapacity(frames.count * member.samplesPerFrame)
        for frame in frames {
            let start = (frame + member.skew - firstStoredFrame) * samplesPerFrame + member.offsetInFrame
            samples.append(contentsOf: stored[start..<(start + member.samplesPerFrame)])
        }
        return samples
    }
}
