/// A tiny cursor over one header field, for the `212x2:3+512` and `200(1024)/mV` mini-grammars.
struct FieldScanner {
    private let text: Substring
    private var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        position = text.startIndex
    }

    var atEnd: Bool { position == text.endIndex }

    /// The unread remainder, consumed.
    mutating func rest() -> Substring {
        defer { position = text.endIndex }
        return text[position...]
    }

    mutating func skip(_ character: Character) -> Bool {
        guard position < text.endIndex, text[position] == character else { return false }
        position = text.index(after: position)
        return true
    }

    /// An optionally signed integer, or nil (cursor unmoved) if none is there.
    mutating func integer() -> Int? {
        let start = position
        _ = skip("-") || skip("+")
        _ = take { $0.isASCII && $0.isNumber }
        guard let value = Int(text[start..<position]) else {
            position = start
            return nil
        }
        return value
    }

    /// A decimal number such as `360`, `-1.5` or `1e3`, or nil (cursor unmoved) if none is there.
    mutating func number() -> Double? {
        let token = take { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard let value = Double(token) else {
            position = token.startIndex
            return nil
        }
        return value
    }

    private mutating func take(while predicate: (Character) -> Bool) -> Substring {
        let start = position
        while position < text.endIndex, predicate(text[position]) { position = text.index(after: position) }
        return text[start..<position]
    }
}
