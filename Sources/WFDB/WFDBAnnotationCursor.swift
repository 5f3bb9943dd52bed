/// Reads the words, SKIP intervals and AUX strings of an annotation file, reporting truncation by byte offset.
struct WFDBAnnotationCursor {
    let bytes: [UInt8]
    private(set) var offset = 0
    /// Offset of the word most recently read, for error messages.
    private(set) var wordOffset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next little-endian word, or nil at a clean end of the bytes.
    mutating func nextWord() throws(WFDBError) -> UInt16? {
        guard offset < bytes.count else { return nil }
        wordOffset = offset
        return try take16()
    }

    /// SKIP intervals are PDP-11 longs: the high 16-bit word first, each word little-endian.
    mutating func nextMiddleEndianInt32() throws(WFDBError) -> Int32 {
        let high = UInt32(try take16())
        let low = UInt32(try take16())
        return Int32(bitPattern: high << 16 | low)
    }

    /// `length` bytes of text, then a pad byte if `length` is odd, keeping words aligned.
    mutating func nextAux(length: Int) throws(WFDBError) -> String {
        let padded = length + length % 2
        guard bytes.count - offset >= padded else { throw .truncatedAnnotationFile(byteOffset: bytes.count) }
        var text = bytes[offset..<(offset + length)]
        while text.last == 0 { text = text.dropLast() }
        offset += padded
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func take16() throws(WFDBError) -> UInt16 {
        guard bytes.count - offset >= 2 else { throw .truncatedAnnotationFile(byteOffset: bytes.count) }
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }
}
