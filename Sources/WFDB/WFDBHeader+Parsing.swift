extension WFDBHeader {
    /// Parses header text per the WFDB header(5) spec; errors name the 1-based line.
    public init(parsing text: String) throws(WFDBError) {
        var parser = WFDBHeaderParser()
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            try parser.consume(line, number: index + 1)
        }
        self = try parser.finish()
    }

    /// Reads and parses a `.hea` file.
    public static func load(path: String) throws(WFDBError) -> WFDBHeader {
        let bytes = try WFDBFile(path: path).readAll()
        return try WFDBHeader(parsing: String(decoding: bytes, as: UTF8.self))
    }
}

/// Line-by-line state machine: record line first, then signal or segment lines, comments anywhere.
struct WFDBHeaderParser {
    private var header: WFDBHeader?
    private var comments: [String] = []

    mutating func consume(_ line: Substring, number: Int) throws(WFDBError) {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.isEmpty { return }
        if trimmed.first == "#" {
            comments.append(String(trimmed.dropFirst().trimmingBlanks()))
            return
        }
        guard var current = header else {
            header = try WFDBRecordLine.parse(trimmed, line: number)
            return
        }
        if let segmentCount = current.segmentCount {
            guard current.segments.count < segmentCount else { throw Self.unexpected(number) }
            current.segments.append(try WFDBRecordLine.parseSegment(trimmed, line: number))
        } else {
            guard current.signals.count < current.signalCount else { throw Self.unexpected(number) }
            current.signals.append(try WFDBSignalLine.parse(trimmed, line: number))
        }
        header = current
    }

    func finish() throws(WFDBError) -> WFDBHeader {
        guard var result = header else { throw .missingRecordLine }
        if let segmentCount = result.segmentCount, result.segments.count < segmentCount {
            throw .missingSignalLines(expected: segmentCount, found: result.segments.count)
        }
        if result.segmentCount == nil, result.signals.count < result.signalCount {
            throw .missingSignalLines(expected: result.signalCount, found: result.signals.count)
        }
        result.comments = comments
        return result
    }

    private static func unexpected(_ line: Int) -> WFDBError {
        .malformedHeader(line: line, reason: "more signal or segment lines than the record line declares")
    }
}

extension Substring {
    func trimmingBlanks() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return self[first...last]
    }

    /// Splits off up to `count` whitespace-separated fields; the untouched remainder keeps inner blanks.
    func fields(upTo count: Int) -> (fields: [Substring], rest: Substring) {
        var fields: [Substring] = []
        var rest = self.drop(while: \.isWhitespace)
        while fields.count < count, !rest.isEmpty {
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            fields.append(rest[..<end])
            rest = rest[end...].drop(while: \.isWhitespace)
        }
        return (fields, rest)
    }
}
