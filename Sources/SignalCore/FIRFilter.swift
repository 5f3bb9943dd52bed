/// FIR filter computing eight consecutive outputs per SIMD step (one vector multiply-add per tap).
///
/// Outputs are summed tap by tap in the same order in every lane and in the scalar tail, so results do not depend
/// on where a chunk boundary falls.
public struct FIRFilter: StreamingFilter, Sendable {
    public let taps: [Float]
    /// The last `taps.count − 1` inputs, then the current chunk: every output reads one contiguous window.
    private var work: [Float]

    public init(taps: [Float]) {
        precondition(!taps.isEmpty, "an FIR filter needs at least one tap")
        self.taps = taps
        work = Array(repeating: 0, count: taps.count - 1)
    }

    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        let keep = taps.count - 1
        work.resize(to: keep + input.count)
        work.withUnsafeMutableBufferPointer { w in
            for i in input.indices { w[keep + i] = input[i] }
            taps.withUnsafeBufferPointer { h in Self.convolve(w, taps: h, count: input.count, into: output) }
            for i in 0..<keep { w[i] = w[input.count + i] }
        }
    }

    private static func convolve(
        _ w: UnsafeMutableBufferPointer<Float>, taps h: UnsafeBufferPointer<Float>, count: Int,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let newest = UnsafeRawPointer(w.baseAddress! + (h.count - 1))
        let out = UnsafeMutableRawPointer(output.baseAddress!)
        var n = 0
        while count - n >= 8 {
            var acc = SIMD8<Float>()
            for t in h.indices {
                acc += h[t] * newest.loadUnaligned(fromByteOffset: (n - t) * 4, as: SIMD8<Float>.self)
            }
            out.storeBytes(of: acc, toByteOffset: n * 4, as: SIMD8<Float>.self)
            n += 8
        }
        let x = newest.assumingMemoryBound(to: Float.self)
        while n < count {
            var acc: Float = 0
            for t in h.indices { acc += h[t] * x[n - t] }
            output[n] = acc
            n += 1
        }
    }

    public mutating func reset() {
        work = Array(repeating: 0, count: taps.count - 1)
    }
}
