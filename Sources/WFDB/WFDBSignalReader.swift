/// Reads the ADC samples of a single-segment WFDB record, whole or by frame range.
public struct WFDBSignalReader: Sendable {
    /// The record's parsed header.
    public let header: WFDBHeader
    /// Frames in the record: the header's sample count, or what the signal files hold if it gives none.
    public let frameCount: Int
    let groups: [WFDBSignalGroup]

    /// Opens the record at `recordPath` (path without extension, e.g. `…/mitdb/100`).
    public init(recordPath: String) throws(WFDBError) {
        let header = try WFDBHeader.load(path: recordPath + ".hea")
        try self.init(header: header, directory: Self.directory(of: recordPath))
    }

    /// Reads signal files named in `header` from `directory`.
    public init(header: WFDBHeader, directory: String) throws(WFDBError) {
        try self.init(header: header) { name throws(WFDBError) in
            .file(try WFDBFile(path: directory.isEmpty ? name : directory + "/" + name))
        }
    }

    /// Reads signal files from memory, keyed by the file names the header uses.
    public init(header: WFDBHeader, files: [String: [UInt8]]) throws(WFDBError) {
        try self.init(header: header) { name throws(WFDBError) in
            guard let bytes = files[name] else { throw .cannotOpen(path: name, errno: 2) }
            return .memory(name: name, bytes: bytes)
        }
    }

    private init(header: WFDBHeader, open: (String) throws(WFDBError) -> WFDBByteSource) throws(WFDBError) {
        guard header.segmentCount == nil else { throw .unsupportedRecord(reason: "multi-segment records") }
        let groups = try Self.groups(of: header.signals, open: open)
        self.header = header
        self.groups = groups
        frameCount = header.frameCount ?? groups.map(\.availableFrames).min() ?? 0
    }

    /// Samples of every signal for `frames`; throws if the range leaves the record or a file is short.
    public func read(frames: Range<Int>) throws(WFDBError) -> WFDBSamples {
        guard frames.lowerBound >= 0, frames.upperBound <= frameCount else {
            throw .frameRangeOutOfBounds(requested: frames, frameCount: frameCount)
        }
        var bySignal: [Int: [Int32]] = [:]
        for group in groups {
            bySignal.merge(try group.read(frames: frames)) { first, _ in first }
        }
        let signals = header.signals.enumerated().map { index, spec in
            WFDBSignalSamples(spec: spec, samples: bySignal[index] ?? [])
        }
        return WFDBSamples(frames: frames, signals: signals)
    }

    /// The whole record in one read.
    public func readAll() throws(WFDBError) -> WFDBSamples {
        try read(frames: 0..<frameCount)
    }

    /// Reads the record front to back in chunks of at most `frames` frames.
    public func chunks(ofFrames frames: Int) -> WFDBChunkIterator {
        WFDBChunkIterator(reader: self, chunkFrames: max(1, frames))
    }

    private static func directory(of recordPath: String) -> String {
        guard let slash = recordPath.lastIndex(of: "/") else { return "" }
        return slash == recordPath.startIndex ? "/" : String(recordPath[..<slash])
    }
}
