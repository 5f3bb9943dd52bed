/// Element-wise square, eight samples per SIMD step (the Pan–Tompkins non-linearity).
public enum Squaring {
    public static func apply(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        guard let source = input.baseAddress, let out = output.baseAddress else { return }
        var n = 0
        while input.count - n >= 8 {
            let x = UnsafeRawPointer(source + n).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(out + n).storeBytes(of: x * x, as: SIMD8<Float>.self)
            n += 8
        }
        while n < input.count {
            out[n] = source[n] * source[n]
            n += 1
        }
    }

    /// Array form; `output` takes the input's length and keeps its capacity.
    public static func apply(_ input: [Float], into output: inout [Float]) {
        output.resize(to: input.count)
        input.withUnsafeBufferPointer { source in output.withUnsafeMutableBufferPointer { apply(source, into: $0) } }
    }
}
