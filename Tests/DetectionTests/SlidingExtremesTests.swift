@testable import Detection
import GatewayModel
import Testing

@Suite struct SlidingExtremesTests {
    /// A window's maximum and minimum at every step, the slow way, to hold the queues against.
    struct Reference {
        var items: [(time: Int64, value: Double)] = []
        mutating func append(_ value: Double, at time: Int64, window: Int64) {
            items.append((time, value))
            items.removeAll { $0.time < time - window }
        }
        var range: Double? { items.isEmpty ? nil : items.map(\.value).max()! - items.map(\.value).min()! }
    }

    /// The loop over a chunk's samples on the queues' raw storage gives, after every sample, the range of a window
    /// recomputed the slow way: through chunks of every size (empty ones, and longer than the queues), passes ending
    /// mid-chunk, long monotonic runs that keep every value queued, negative scales and an offset.
    @Test func aChunkAtATimeMatchesARecomputedWindow() {
        var extremes = SlidingExtremes()
        var reference = Reference()
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let periodNs: Int64 = 2_777_778
        let windowNs = 200 * periodNs
        var startNs: Int64 = 1_700_000_000_000_000_000
        var ranges: [Double] = []
        var compared = 0
        var mismatches = 0
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for chunkIndex in 0..<120 {
            let count = Int(next() >> 53)  // 0 to 2,047 samples
            let samples: [Int32] = (0..<count).map { index in
                switch chunkIndex % 4 {
                case 0: Int32(index)  // monotonic raw samples: every value stays queued in one of the queues
                case 1: Int32(5_000 - index)  // and here in the other
                default: Int32(truncatingIfNeeded: next() >> 52) - 2_048
                }
            }
            let chunk = WaveformChunk(
                device: "bed1", channel: ChannelDescriptor(name: "ecg", unit: "mV"), startUnixNs: startNs, periodNs: periodNs,
                scale: chunkIndex % 3 == 0 ? -0.005 : 0.005, offset: 0.25, samples: samples)
            extremes.ranges(of: chunk, at: 0..<0, windowNs: windowNs, into: &ranges)
            if !ranges.isEmpty { mismatches += 1 }
            var start = 0
            while start < count {
                let end = min(count, start + 1 + Int(next() >> 54))  // passes of 1 to 1,024 samples
                extremes.ranges(of: chunk, at: start..<end, windowNs: windowNs, into: &ranges)
                for index in start..<end {
                    reference.append(chunk.physical(samples[index]), at: chunk.sampleUnixNs(index), window: windowNs)
                    if reference.range != ranges[index - start] { mismatches += 1 }
                    compared += 1
                }
                start = end
            }
            startNs += Int64(count) * periodNs
        }
        #expect(compared > 50_000 && mismatches == 0, "\(mismatches) of \(compared)")
    }

    @Test func anEmptyWindowHasNoRange() {
        var extremes = SlidingExtremes()
        var ranges: [Double] = []
        let chunk = WaveformChunk(device: "bed1", channel: ChannelDescriptor(name: "ecg"), startUnixNs: 0, periodNs: 1_000, samples: [1, 5, 3])
        extremes.ranges(of: chunk, at: 0..<3, windowNs: -1, into: &ranges)
        #expect(ranges.count == 3 && ranges.allSatisfy(\.isNaN), "a negative window keeps nothing: \(ranges)")
    }
}
