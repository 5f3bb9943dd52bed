/// Lossless compression of waveform samples, the form `WaveformChunk.packed_samples` travels in
/// (vitalgate.proto specifies the format): prediction residuals, zigzag-mapped, as Rice codes with
/// one parameter per partition of 32.
///
/// Why this scheme: on MIT-BIH record 100 (360-sample chunks) it takes 0.50 B/sample where the
/// older packed `sint32` first differences take 1.0 and block bit-packing (a width byte per 16
/// residuals) 0.58. A Rice
/// code spends few bits on the many small residuals and degrades gently on a QRS complex, and a
/// parameter per 32 residuals follows the signal's changing activity. The first sample forms a
/// partition of its own because its large value would otherwise inflate its partition's parameter.
enum SamplePacking {
    /// Residuals per partition after the first one; 32 measured best (16: +1 %, 64: +2 % on record 100).
    static let partitionLength = 32
    /// Bits of a partition's Rice parameter.
    static let parameterWidth = 5

    /// `samples` packed with whichever predictor gives fewer bytes (first order on a tie). Both predictors'
    /// sizes are computed, but only the winner is written: writing the bits is most of the cost.
    static func encode(_ samples: [Int32]) -> PackedSamples {
        let first = residuals(of: samples, predictor: .firstOrder)
        // The predictors differ from the third sample on.
        guard samples.count > 2 else {
            return PackedSamples(bytes: pack(first, plan: plan(first)), count: samples.count, predictor: .firstOrder)
        }
        let second = residuals(of: samples, predictor: .secondOrder)
        let (firstPlan, secondPlan) = (plan(first), plan(second))
        if (secondPlan.bits + 7) / 8 < (firstPlan.bits + 7) / 8 {
            return PackedSamples(bytes: pack(second, plan: secondPlan), count: samples.count, predictor: .secondOrder)
        }
        return PackedSamples(bytes: pack(first, plan: firstPlan), count: samples.count, predictor: .firstOrder)
    }

    /// `samples` packed with `predictor`; empty for no samples.
    static func encode(_ samples: [Int32], predictor: SamplePredictor) -> [UInt8] {
        let residuals = residuals(of: samples, predictor: predictor)
        return pack(residuals, plan: plan(residuals))
    }

    /// Zigzag-mapped prediction residuals, the first sample as it is.
    private static func residuals(of samples: [Int32], predictor: SamplePredictor) -> [UInt32] {
        guard let first = samples.first else { return [] }
        var residuals = [UInt32]()
        residuals.reserveCapacity(samples.count)
        residuals.append(Zigzag.encode(first))
        var prediction = SamplePrediction(predictor, first: first)
        for sample in samples.dropFirst() {
            residuals.append(Zigzag.encode(sample &- prediction.next))
            prediction.advance(past: sample)
        }
        return residuals
    }

    /// Each partition's Rice parameter, and the bits `pack` writes with them.
    private struct Plan {
        var parameters: [Int] = []
        var bits = 0
    }

    /// Chooses every partition's parameter once: sizing both predictors and writing the winner use the same choice.
    private static func plan(_ residuals: [UInt32]) -> Plan {
        var plan = Plan()
        plan.parameters.reserveCapacity(residuals.count / partitionLength + 2)
        var start = 0
        while start < residuals.count {
            let end = partitionEnd(from: start, count: residuals.count)
            let coding = riceCoding(for: residuals[start..<end])
            plan.parameters.append(coding.parameter)
            plan.bits += parameterWidth + Int(coding.size)
            start = end
        }
        return plan
    }

    private static func pack(_ residuals: [UInt32], plan: Plan) -> [UInt8] {
        guard !residuals.isEmpty else { return [] }
        // ECG packs to about half a byte per sample; the writer grows past this when it must.
        var writer = BitWriter(reservingBytes: residuals.count / 2 + 16)
        var start = 0
        for parameter in plan.parameters {
            let end = partitionEnd(from: start, count: residuals.count)
            writePartition(residuals[start..<end], parameter: parameter, to: &writer)
            start = end
        }
        return writer.finish()
    }

    /// Unpacks `count` samples; throws when `bytes` are not exactly what `encode` writes for them.
    /// Allocates no more than the bytes can describe, whatever `count` claims.
    static func decode(_ bytes: [UInt8], count: Int, predictor: SamplePredictor) throws(SamplePackingError) -> [Int32] {
        // Every value takes at least its one-bit unary terminator.
        guard count >= 0, count <= bytes.count * 8 else { throw .countExceedsData(count: count, bytes: bytes.count) }
        var reader = BitReader(bytes)
        var samples = [Int32]()
        samples.reserveCapacity(count)
        var prediction = SamplePrediction(predictor, first: 0)
        while samples.count < count {
            let end = partitionEnd(from: samples.count, count: count)
            let parameter = Int(try reader.read(width: parameterWidth))
            let limit = UInt64(UInt32.max) >> parameter  // keeps q·2^k + m within 32 bits
            for index in samples.count..<end {
                let quotient = try reader.readUnary(limit: limit)
                let code = UInt32(quotient << parameter | (try reader.read(width: parameter)))
                let sample: Int32
                if index == 0 {
                    sample = Zigzag.decode(code)
                    prediction = SamplePrediction(predictor, first: sample)
                } else {
                    sample = Zigzag.decode(code) &+ prediction.next
                    prediction.advance(past: sample)
                }
                samples.append(sample)
            }
        }
        guard reader.isAtPaddedEnd else { throw .trailingData }
        return samples
    }

    /// Where the partition that starts at residual `start` ends: the first residual is a partition
    /// of its own, then they come in runs of `partitionLength`.
    static func partitionEnd(from start: Int, count: Int) -> Int {
        start == 0 ? min(1, count) : min(start + partitionLength, count)
    }

    private static func writePartition(_ codes: ArraySlice<UInt32>, parameter: Int, to writer: inout BitWriter) {
        writer.write(UInt64(parameter), width: parameterWidth)
        for code in codes {
            let quotient = Int(code >> parameter)
            let remainder = UInt64(code) & ((1 << parameter) - 1)
            let width = quotient + 1 + parameter
            if width <= BitWriter.maxFieldWidth {
                // The usual case in one write: `quotient` zeros, the terminating one, the remainder.
                writer.write((remainder << 1 | 1) << quotient, width: width)
            } else {
                writer.writeZeros(quotient)
                writer.write(remainder << 1 | 1, width: 1 + parameter)
            }
        }
    }

    /// The Rice parameter that codes `codes` in the fewest bits, and that size (the partition header not included).
    ///
    /// The size, Σ(code >> k) + n·(k + 1), is convex in k (each term's decrease from k to k + 1,
    /// ⌈(code >> k) / 2⌉, shrinks as k grows), so walking downhill from the estimate
    /// log2(mean) finds the minimum; the estimate and both its neighbours are sized in one pass,
    /// which is usually all the walk needs.
    static func riceCoding(for codes: ArraySlice<UInt32>) -> (parameter: Int, size: UInt64) {
        let sum = codes.reduce(UInt64(0)) { $0 + UInt64($1) }
        let mean = sum / UInt64(max(codes.count, 1))
        let estimate = max(0, min(31, UInt64.bitWidth - mean.leadingZeroBitCount - 1))
        let (below, at, above) = riceSizes(of: codes, around: estimate)
        var (parameter, size) = (estimate, at)
        var step = 0
        if estimate > 0, below < at {
            (parameter, size, step) = (estimate - 1, below, -1)
        } else if estimate < 31, above < at {
            (parameter, size, step) = (estimate + 1, above, 1)
        }
        while step != 0, (0...31).contains(parameter + step) {
            let neighbour = riceSize(of: codes, parameter: parameter + step)
            guard neighbour < size else { break }
            (parameter, size) = (parameter + step, neighbour)
        }
        return (parameter, size)
    }

    /// Bits of the Rice codes of `codes` with `parameter`, the partition header not included.
    static func riceSize(of codes: ArraySlice<UInt32>, parameter: Int) -> UInt64 {
        codes.reduce(UInt64(codes.count) * UInt64(parameter + 1)) { $0 + UInt64($1 >> parameter) }
    }

    /// `riceSize` at `parameter` − 1, `parameter` and `parameter` + 1 in one pass (the first is meaningless at 0,
    /// the last at 31).
    private static func riceSizes(of codes: ArraySlice<UInt32>, around parameter: Int) -> (UInt64, UInt64, UInt64) {
        let shift = UInt32(max(parameter - 1, 0))
        var (below, at, above) = (UInt64(0), UInt64(0), UInt64(0))
        for code in codes {
            let shifted = code >> shift
            below += UInt64(shifted)
            at += UInt64(shifted >> 1)
            above += UInt64(shifted >> 2)
        }
        if parameter == 0 { (below, at, above) = (0, below, at) }  // the pass started at 0, not at −1
        let count = UInt64(codes.count)
        let bits = UInt64(parameter)
        return (below + count * bits, at + count * (bits + 1), above + count * (bits + 2))
    }
}
