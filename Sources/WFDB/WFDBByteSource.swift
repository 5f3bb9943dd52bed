/// Where a signal group's bytes come from: a file on disk or bytes already in memory.
enum WFDBByteSource: Sendable {
    case file(WFDBFile)
    case memory(name: String, bytes: [UInt8])

    var size: Int {
        switch self {
        case let .file(file): file.size
        case let .memory(_, bytes): bytes.count
        }
    }

    var name: String {
        switch self {
        case let .file(file): file.path
        case let .memory(name, _): name
        }
    }

    /// The bytes in `range`, or a truncation error naming how many bytes were needed.
    func bytes(in range: Range<Int>) throws(WFDBError) -> [UInt8] {
        guard range.upperBound <= size else {
            throw .truncatedSignalFile(file: name, neededBytes: range.upperBound, availableBytes: size)
        }
        switch self {
        case let .file(file): return try file.read(offset: range.lowerBound, count: range.count)
        case let .memory(_, bytes): return Array(bytes[range])
        }
    }
}
