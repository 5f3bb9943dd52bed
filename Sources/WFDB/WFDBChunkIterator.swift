/// Walks a record front to back in fixed-size frame chunks: `while let chunk = try chunks.next() { … }`.
public struct WFDBChunkIterator: Sendable {
    private let reader: WFDBSignalReader
    private let chunkFrames: Int
    /// The first frame the next chunk will hold.
    public private(set) var nextFrame = 0

    init(reader: WFDBSignalReader, chunkFrames: Int) {
        self.reader = reader
        self.chunkFrames = chunkFrames
    }

    /// The next chunk, or nil once the record is exhausted.
    public mutating func next() throws(WFDBError) -> WFDBSamples? {
        guard nextFrame < reader.frameCount else { return nil }
        let end = nextFrame + min(chunkFrames, reader.frameCount - nextFrame)
        let chunk = try reader.read(frames: nextFrame..<end)
        nextFrame = end
        return chunk
    }
}
