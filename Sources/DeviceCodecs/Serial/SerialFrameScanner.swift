/// Finds fixed-length frames in a byte stream by a validity rule, sliding one byte at a time past anything
/// that fails it, so a frame is only ever taken whole and checked, whatever the chunking.
struct SerialFrameScanner: Sendable {
    enum Step: Sendable, Equatable {
        /// A frame passed the rule; `afterSkipping` bytes before it were discarded.
        case frame([UInt8], afterSkipping: Int)
        /// Bytes are being discarded: one step per frame's worth, so errors count roughly the frames lost.
        case garbage
    }

    let frameLength: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var skipped = 0

    init(frameLength: Int) {
        self.frameLength = frameLength
    }

    mutating func append(_ bytes: [UInt8]) {
        // Compacting once per call keeps the buffer at most one call's bytes plus a partial frame.
        buffer.removeSubrange(0..<position)
        position = 0
        buffer.append(contentsOf: bytes)
    }

    /// The next frame or garbage step; nil when fewer than `needing` bytes remain, to wait for more.
    /// `accept` sees the buffer and the candidate's start and may look at up to `needing` bytes.
    mutating func next(needing: Int, accept: ([UInt8], Int) -> Bool) -> Step? {
        precondition(needing >= frameLength)
        while buffer.count - position >= needing {
            if accept(buffer, position) {
                let frame = Array(buffer[position..<position + frameLength])
                position += frameLength
                defer { skipped = 0 }
                return .frame(frame, afterSkipping: skipped)
            }
            position += 1
            skipped += 1
            if (skipped - 1) % frameLength == 0 { return .garbage }
        }
        return nil
    }
}
