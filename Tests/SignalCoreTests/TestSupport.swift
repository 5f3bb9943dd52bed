import LocalLab
import SignalCore

enum TestSignals {
    static func noise(count: Int, seed: UInt64, amplitude: Float = 1, offset: Float = 0) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in offset + Float.random(in: -amplitude...amplitude, using: &rng) }
    }

    static func sine(count: Int, frequency: Double, sampleRate: Double, amplitude: Float = 1) -> [Float] {
        (0..<count).map { amplitude * Float(Self.sin(2 * Double.pi * frequency * Double($0) / sampleRate)) }
    }

    /// Random chunk lengths (1 included, and long ones) covering `count` samples.
    static func chunkBounds(count: Int, seed: UInt64) -> [Range<Int>] {
        var rng = SplitMix64(seed: seed)
        var bounds: [Range<Int>] = []
        var start = 0
        while start < count {
            let pick = Int.random(in: 0..<4, using: &rng)
            let length = [1, Int.random(in: 1...9, using: &rng), Int.random(in: 1...40, using: &rng), 250][pick]
            let end = min(count, start + length)
            bounds.append(start..<end)
            start = end
        }
        return bounds
    }

    static func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    static func peakAbs(_ a: [Float]) -> Float { a.reduce(0) { max($0, abs($1)) } }

    /// Runs `filter` over `input` cut at `bounds`, reusing one output buffer per chunk.
    static func streamed<F: StreamingFilter>(_ filter: F, _ input: [Float], bounds: [Range<Int>]) -> [Float] {
        var filter = filter
        var output: [Float] = []
        var chunkOutput: [Float] = []
        for range in bounds {
            filter.process(Array(input[range]), into: &chunkOutput)
            output += chunkOutput
        }
        return output
    }

    /// Amplitude of the last `tail` samples (steady state), as the largest absolute value.
    static func steadyAmplitude(_ signal: [Float], tail: Int) -> Float { peakAbs(Array(signal.suffix(tail))) }

    private static func sin(_ x: Double) -> Double {
        // Taylor series after range reduction: tests stay free of platform imports.
        var r = x.truncatingRemainder(dividingBy: 2 * Double.pi)
        if r > Double.pi { r -= 2 * Double.pi }
        if r < -Double.pi { r += 2 * Double.pi }
        var term = r, sum = r
        for k in 1..<12 {
            term *= -r * r / Double((2 * k) * (2 * k + 1))
            sum += term
        }
        return sum
    }
}
