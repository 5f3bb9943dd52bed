/// Decodes MIT-format WFDB annotation files (annot(5)): 16-bit little-endian words of a 6-bit code and a 10-bit interval.
public enum WFDBAnnotationReader {
    /// Reads and decodes an annotation file such as `100.atr`.
    public static func read(path: String) throws(WFDBError) -> [WFDBAnnotation] {
        try decode(WFDBFile(path: path).readAll())
    }

    /// Decodes annotation file bytes; stops at the `0` end word (or at the end of the bytes).
    public static func decode(_ bytes: [UInt8]) throws(WFDBError) -> [WFDBAnnotation] {
        var cursor = WFDBAnnotationCursor(bytes: bytes)
        var annotations: [WFDBAnnotation] = []
        var state = WFDBAnnotationState()
        while let word = try cursor.nextWord() {
            let code = Int(word >> 10)
            let field = Int(word & 0x3FF)
            if code == 0, field == 0 { break }
            try apply(code: code, field: field, cursor: &cursor, state: &state, to: &annotations)
        }
        return annotations
    }

    private static func apply(
        code: Int, field: Int, cursor: inout WFDBAnnotationCursor, state: inout WFDBAnnotationState,
        to annotations: inout [WFDBAnnotation]
    ) throws(WFDBError) {
        switch code {
        case 0...49:
            try state.advance(by: field, at: cursor.wordOffset)
            let code = WFDBAnnotationCode(rawValue: code)
            annotations.append(WFDBAnnotation(sample: state.time, code: code, channel: state.channel, number: state.number))
        case skip: try state.advance(by: Int(try cursor.nextMiddleEndianInt32()), at: cursor.wordOffset)
        case num: state.number = field; annotations.modifyLast { $0.number = field }
        case sub: annotations.modifyLast { $0.subtype = field }
        case chn: state.channel = field; annotations.modifyLast { $0.channel = field }
        case aux:
            let text = try cursor.nextAux(length: field)
            annotations.modifyLast { $0.aux = text }
        default:
            throw .invalidAnnotation(byteOffset: cursor.wordOffset, reason: "undefined annotation code \(code)")
        }
    }

    // Pseudo-annotation codes from annot(5).
    private static let skip = 59, num = 60, sub = 61, chn = 62, aux = 63
}

/// Time and the sticky CHN/NUM fields, which WFDB carries from one annotation to the next.
struct WFDBAnnotationState {
    var time = 0
    var channel = 0
    var number = 0

    mutating func advance(by interval: Int, at offset: Int) throws(WFDBError) {
        let (sum, overflow) = time.addingReportingOverflow(interval)
        guard !overflow, sum >= 0 else { throw .invalidAnnotation(byteOffset: offset, reason: "annotation time \(sum) before start") }
        time = sum
    }
}

extension Array where Element == WFDBAnnotation {
    /// Pseudo-annotations modify the annotation they follow; before any annotation there is nothing to modify.
    mutating func modifyLast(_ change: (inout WFDBAnnotation) -> Void) {
        guard !isEmpty else { return }
        change(&self[count - 1])
    }
}
