/// Everything that can go wrong reading a WFDB record, header or annotation file, with where it went wrong.
public enum WFDBError: Error, Equatable, Sendable {
    /// A header line could not be parsed; `line` is 1-based.
    case malformedHeader(line: Int, reason: String)
    /// The header had no record line (only comments or blank lines).
    case missingRecordLine
    /// The record line promised more signal (or segment) lines than the header holds.
    case missingSignalLines(expected: Int, found: Int)
    /// A file could not be opened; `errno` is the POSIX error number.
    case cannotOpen(path: String, errno: Int32)
    /// A read from an open file failed.
    case readFailed(path: String, errno: Int32)
    /// The signal's storage format is not one this reader decodes.
    case unsupportedFormat(signal: Int, format: Int)
    /// The record is valid WFDB but uses a feature this reader does not support.
    case unsupportedRecord(reason: String)
    /// A frame range outside the record was requested.
    case frameRangeOutOfBounds(requested: Range<Int>, frameCount: Int)
    /// A signal file ends before the samples the header promises.
    case truncatedSignalFile(file: String, neededBytes: Int, availableBytes: Int)
    /// An annotation file ends in the middle of an annotation.
    case truncatedAnnotationFile(byteOffset: Int)
    /// An annotation file holds a word that is not valid MIT annotation format.
    case invalidAnnotation(byteOffset: Int, reason: String)
}

extension WFDBError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .malformedHeader(line, reason): "WFDB header line \(line): \(reason)"
        case .missingRecordLine: "WFDB header has no record line"
        case let .missingSignalLines(expected, found): "WFDB header declares \(expected) signal lines but has \(found)"
        case let .cannotOpen(path, errno): "cannot open \(path) (errno \(errno))"
        case let .readFailed(path, errno): "read failed on \(path) (errno \(errno))"
        case let .unsupportedFormat(signal, format): "signal \(signal): WFDB format \(format) is not supported"
        case let .unsupportedRecord(reason): "unsupported WFDB record: \(reason)"
        case let .frameRangeOutOfBounds(requested, frameCount):
            "frames \(requested.lowerBound)..<\(requested.upperBound) outside record of \(frameCount) frames"
        case let .truncatedSignalFile(file, needed, available):
            "signal file \(file) is truncated: needs \(needed) bytes, has \(available)"
        case let .truncatedAnnotationFile(offset): "annotation file truncated at byte \(offset)"
        case let .invalidAnnotation(offset, reason): "invalid annotation at byte \(offset): \(reason)"
        }
    }
}
