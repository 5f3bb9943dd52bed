import DeviceCodecs

/// Byte-stream decoders promise that any chunking of a stream gives the same result (they keep partial
/// frames between calls): each input is decoded whole and in two chunks cut where `split` says.
public enum StreamCheck {
    public static let nowUnixMs: Int64 = 1_732_838_400_000

    @discardableResult
    public static func run<D: ByteStreamDecoder>(_ decoder: D, _ bytes: [UInt8], split: UInt8, _ what: String) -> DecodedBatch {
        var whole = decoder
        let batch = whole.decode(bytes, nowUnixMs: nowUnixMs)
        Invariants.check(batch, what)

        let cut = bytes.isEmpty ? 0 : Int(split) * bytes.count / 256
        var chunked = decoder
        var pieces = chunked.decode(Array(bytes[..<cut]), nowUnixMs: nowUnixMs)
        pieces.merge(chunked.decode(Array(bytes[cut...]), nowUnixMs: nowUnixMs))
        if pieces != batch {
            fatalError("\(what): decoding in two chunks (cut at \(cut) of \(bytes.count)) differs from one pass:\n\(pieces)\n\(batch)")
        }
        return batch
    }
}
