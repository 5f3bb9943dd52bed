/// Parses the record line and segment lines of a WFDB header.
enum WFDBRecordLine {
    /// Upper bounds keep later frame and byte arithmetic far from overflow on hostile headers.
    static let maxSignals = 1 << 16
    static let maxFrames = 1 << 40

    static func parse(_ text: Substring, line: Int) throws(WFDBError) -> WFDBHeader {
        let (fields, rest) = text.fields(upTo: 6)
        guard rest.isEmpty else { throw bad(line, "unexpected text after base date: \(rest)") }
        guard fields.count >= 2 else { throw bad(line, "record line needs a record name and a signal count") }
        let (name, segments) = try nameAndSegments(fields[0], line: line)
        guard let signalCount = Int(fields[1]), (0...maxSignals).contains(signalCount) else {
            throw bad(line, "signal count '\(fields[1])' is not a number in 0...\(maxSignals)")
        }
        var header = WFDBHeader(recordName: name, segmentCount: segments, signalCount: signalCount)
        if fields.count > 2 { try parseFrequency(fields[2], into: &header, line: line) }
        if fields.count > 3 {
            guard let frames = Int(fields[3]), (0...maxFrames).contains(frames) else {
                throw bad(line, "sample count '\(fields[3])' is not a number in 0...\(maxFrames)")
            }
            header.frameCount = frames == 0 ? nil : frames
        }
        if fields.count > 4 { header.baseTime = try checked(fields[4], allowed: "0123456789:.", what: "base time", line: line) }
        if fields.count > 5 { header.baseDate = try checked(fields[5], allowed: "0123456789/", what: "base date", line: line) }
        return header
    }

    static func parseSegment(_ text: Substring, line: Int) throws(WFDBError) -> WFDBSegment {
        let (fields, rest) = text.fields(upTo: 2)
        guard fields.count == 2, rest.isEmpty, let count = Int(fields[1]), (0...maxFrames).contains(count) else {
            throw bad(line, "segment line must be '<record> <samples>'")
        }
        return WFDBSegment(recordName: String(fields[0]), sampleCount: count)
    }

    private static func nameAndSegments(_ field: Substring, line: Int) throws(WFDBError) -> (String, Int?) {
        guard let slash = field.firstIndex(of: "/") else { return (String(field), nil) }
        guard let segments = Int(field[field.index(after: slash)...]), (1...maxSignals).contains(segments) else {
            throw bad(line, "segment count in '\(field)' is not a positive number")
        }
        return (String(field[..<slash]), segments)
    }

    /// `fs[/counterfreq[(basecounter)]]`
    private static func parseFrequency(_ field: Substring, into header: inout WFDBHeader, line: Int) throws(WFDBError) {
        var scanner = FieldScanner(field)
        header.samplingFrequency = try positive(scanner.number(), field, line)
        if scanner.skip("/") {
            header.counterFrequency = try positive(scanner.number(), field, line)
            if scanner.skip("(") {
                guard let base = scanner.number(), base.isFinite, scanner.skip(")") else {
                    throw bad(line, "base counter in '\(field)' is malformed")
                }
                header.baseCounter = base
            }
        }
        guard scanner.atEnd else { throw bad(line, "sampling frequency '\(field)' is malformed") }
    }

    private static func positive(_ value: Double?, _ field: Substring, _ line: Int) throws(WFDBError) -> Double {
        guard let value, value.isFinite, value > 0 else { throw bad(line, "frequency in '\(field)' is not a positive number") }
        return value
    }

    private static func checked(_ field: Substring, allowed: String, what: String, line: Int) throws(WFDBError) -> String {
        guard field.allSatisfy(allowed.contains) else { throw bad(line, "\(what) '\(field)' is malformed") }
        return String(field)
    }

    static func bad(_ line: Int, _ reason: String) -> WFDBError {
        .malformedHeader(line: line, reason: reason)
    }
}
