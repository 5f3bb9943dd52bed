/// Block-wise running sum over the last `window` samples, shared by the integrator, the rolling statistics and the
/// Pan–Tompkins front end.
///
/// Each block adds the prefix sum of (x[n] − x[n−W]) to the carried total. Float round-off in that total would
/// random-walk over hours, so every `refreshBlocks` blocks the total is recomputed from the window itself; the
/// refresh points are fixed by the stream position, which keeps chunked and whole-pass output identical.
struct MovingSumCore: Sendable {
    let window: Int
    /// Inputs, stored twice (at i and i + period) so any window or block reads as one contiguous run.
    private var ring: [Float]
    private let period: Int
    private let refreshBlocks: Int
    private var total: Float = 0
    private var blocks = 0

    init(window: Int) {
        precondition(window >= 1, "window must be at least one sample")
        self.window = window
        var period = 16
        while period < window + 8 { period *= 2 }
        self.period = period
        refreshBlocks = max(8, (window + 7) / 8)
        ring = Array(repeating: 0, count: 2 * period)
    }

    /// Running sums at the eight lanes of the next block, without committing it.
    @inline(__always)
    func sums(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(repeating: total) + Self.prefixSum(x - delayed(x))
    }

    /// Makes the block final: `x` its inputs, `sums` what `sums(x)` returned for it.
    @inline(__always)
    mutating func commit(_ x: SIMD8<Float>, sums: SIMD8<Float>) {
        let slot = (blocks * 8) & (period - 1)
        ring.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: x, toByteOffset: slot * 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: x, toByteOffset: (slot + period) * 4, as: SIMD8<Float>.self)
        }
        total = sums[7]
        blocks += 1
        if blocks % refreshBlocks == 0 { total = exactTotal() }
    }

    mutating func reset() {
        self = MovingSumCore(window: window)
    }

    /// Takes the core out of `slot` (leaving an empty one) so that a kernel can work on a local copy without its
    /// ring being copied on write; put it back with `swap` as well.
    static func take(_ slot: inout MovingSumCore) -> MovingSumCore {
        var taken = MovingSumCore(placeholderFor: slot.window)
        swap(&taken, &slot)
        return taken
    }

    private init(placeholderFor window: Int) {
        (self.window, period, refreshBlocks, ring) = (window, 16, 8, [])
    }

    /// x[n − W] for the eight lanes of the next block; samples before the stream are zero.
    @inline(__always)
    private func delayed(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let start = (blocks * 8 - window) & (period - 1)
        var d = ring.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self) }
        if window < 8 {
            for k in window..<8 { d[k] = x[k - window] }
        }
        return d
    }

    /// Inclusive prefix sum across the lanes, in three shift-and-add steps.
    @inline(__always)
    static func prefixSum(_ v: SIMD8<Float>) -> SIMD8<Float> {
        var s = v
        s += SIMD8(0, s[0], s[1], s[2], s[3], s[4], s[5], s[6])
        s += SIMD8(0, 0, s[0], s[1], s[2], s[3], s[4], s[5])
        s += SIMD8(0, 0, 0, 0, s[0], s[1], s[2], s[3])
        return s
    }

    /// Sum of the last `window` committed inputs, recomputed from the ring.
    private func exactTotal() -> Float {
        let end = (blocks * 8) & (period - 1)
        let start = (end - window) & (period - 1)
        return ring.withUnsafeBufferPointer { r in
            var acc = SIMD4<Float>()
            var i = 0
            while window - i >= 4 {
                acc += SIMD4(r[start + i], r[start + i + 1], r[start + i + 2], r[start + i + 3])
                i += 4
            }
            var sum = acc.sum()
            while i < window {
                sum += r[start + i]
                i += 1
            }
            return sum
        }
    }
}
