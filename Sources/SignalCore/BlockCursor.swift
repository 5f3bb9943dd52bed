/// Cuts a stream into eight-sample blocks aligned to the stream's first sample, whatever the chunking.
///
/// Block kernels compute a block from committed state without mutating it; a block cut short by the end of a
/// chunk is computed zero-padded, its lanes emitted, and computed again once the next chunk completes it.
/// Lane k of a block never depends on lanes above k, so the re-run reproduces the emitted lanes bit for bit and
/// any chunking yields exactly the output of one whole pass.
struct BlockCursor: Sendable {
    private var pending = SIMD8<Float>()
    private var count = 0

    /// Calls `body(block, lanes, offset)` per block: lane k belongs at output index `offset + k` for k in `lanes`;
    /// `body` must commit its state exactly when `lanes.upperBound == 8`.
    @inline(__always)
    mutating func feed(_ input: UnsafeBufferPointer<Float>, _ body: (SIMD8<Float>, Range<Int>, Int) -> Void) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        var index = 0
        if count > 0 {
            index = min(8 - count, input.count)
            for t in 0..<index { pending[count + t] = base[t] }
            body(pending, count..<(count + index), -count)
            count += index
            guard count == 8 else { return }
            (pending, count) = (SIMD8(), 0)
        }
        while input.count - index >= 8 {
            body(UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<Float>.self), 0..<8, index)
            index += 8
        }
        guard index < input.count else { return }
        count = input.count - index
        for t in 0..<count { pending[t] = base[index + t] }
        body(pending, 0..<count, index)
    }

    mutating func reset() { (pending, count) = (SIMD8(), 0) }

    /// Writes lanes `lanes` of `block` to `output[offset + k]`.
    @inline(__always)
    static func store(_ block: SIMD8<Float>, lanes: Range<Int>, to output: UnsafeMutablePointer<Float>, offset: Int) {
        if lanes.count == 8 {
            UnsafeMutableRawPointer(output + offset).storeBytes(of: block, as: SIMD8<Float>.self)
        } else {
            for k in lanes { output[offset + k] = block[k] }
        }
    }
}
