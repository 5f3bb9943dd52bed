/// A single-channel streaming kernel whose output for any chunking equals that of one whole pass.
public protocol StreamingFilter: Sendable {
    /// Filters `input` into the first `input.count` elements of `output`, carrying state to the next call.
    mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>)
    /// Forgets all history, as if no sample had been seen.
    mutating func reset()
}

extension StreamingFilter {
    /// Array form; `output` takes the input's length and keeps its capacity, so a reused buffer never reallocates.
    public mutating func process(_ input: [Float], into output: inout [Float]) {
        output.resize(to: input.count)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { process(source, into: $0) }
        }
    }

    /// Allocating convenience for tests and one-off use.
    public mutating func process(_ input: [Float]) -> [Float] {
        var output: [Float] = []
        process(input, into: &output)
        return output
    }
}
