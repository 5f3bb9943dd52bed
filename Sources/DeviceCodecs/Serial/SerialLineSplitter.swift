/// Cuts a serial text stream into lines whatever the chunking, and drops runaway lines.
struct SerialLineSplitter: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        /// A line's text; nil when it is not valid UTF-8, which on a serial line means noise.
        case line(String?)
        /// A line that grew past the limit without an end; its rest up to the next line end is discarded.
        case overlong
    }

    /// A device at the wrong baud rate or a binary stream never sends a line end: bound the buffer.
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// CR, LF and CR LF all end a line; devices differ and an empty line carries nothing.
    mutating func split(_ bytes: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                if discarding {
                    discarding = false
                } else if !pending.isEmpty {
                    // Validating, not repairing: a line with noise in it must not pass as text with
                    // replacement characters in place of the damaged bytes.
                    pieces.append(.line(String(validating: pending, as: UTF8.self)))
                    pending.removeAll(keepingCapacity: true)
                }
            } else if !discarding {
                pending.append(byte)
                if pending.count > maxLineBytes {
                    pieces.append(.overlong)
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
            }
        }
        return pieces
    }
}

extension SerialLineSplitter {
    /// Splits `bytes` into lines and parses each complete one; overlong and non-UTF-8 lines become
    /// counted errors, so every line-oriented decoder reports them the same way.
    mutating func decode(_ bytes: [UInt8], label: String, parse: (String) -> Result<DecodedBatch, DecodeError>) -> DecodedBatch {
        var batch = DecodedBatch()
        for piece in split(bytes) {
            batch.frames += 1
            switch piece {
            case .overlong:
                batch.errors.append(DecodeError("\(label)line longer than \(maxLineBytes) bytes without a line end, dropped"))
            case .line(nil):
                batch.errors.append(DecodeError("\(label)line is not UTF-8 text"))
            case let .line(text?):
                switch parse(text) {
                case var .success(decoded):
                    decoded.frames = 0
                    batch.merge(decoded)
                case let .failure(error):
                    batch.errors.append(error)
                }
            }
        }
        return batch
    }
}
