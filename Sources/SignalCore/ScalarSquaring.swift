/// Reference element-wise square.
public enum ScalarSquaring {
    public static func apply(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= input.count, "output shorter than input")
        for i in input.indices { output[i] = input[i] * input[i] }
    }
}
