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

    /// Long descending and ascending runs keep hundreds of values queued, so both rings grow (from 64) and then wrap
    /// around their ends as the window slides; random stretches between the runs drop values from both ends. Growing
    /// while wrapped is `TimedMaximaTests.growsWhileItsLiveValuesWrapAroundTheEnd`.
    @Test func peakToPeakMatchesARecomputedWindow() {
        var extremes = SlidingExtremes()
        var reference = Reference()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let window: Int64 = 300
        var mismatches = 0
        for time in Int64(0)..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value: Double = switch time / 500 % 3 {
            case 0: Double(10_000 - time)  // descending: every value stays queued as a maximum
            case 1: Double(time)  // ascending: every value stays queued as a minimum
            default: Double(state >> 40 % 1_000)
            }
            extremes.append(value, at: time)
            extremes.removeAll(before: time - window)
            reference.append(value, at: time, window: window)
            if extremes.range != reference.range { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// The chunk-at-a-time loop on raw storage gives, sample for sample, what the checked one-sample calls give:
    /// through growth (long monotonic runs in big chunks), wrapping, a negative scale and an offset.
    @Test func aChunkAtATimeGivesWhatSampleBySampleGives() {
        var whole = SlidingExtremes()
        var single = SlidingExtremes()
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let windowNs: Int64 = 2_000_000_000
        var startNs: Int64 = 1_700_000_000_000_000_000
        var ranges: [Double] = []
        var compared = 0
        var mismatches = 0
        for chunkIndex in 0..<200 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 54) + 1  // 1 to 1,024 samples
            let samples: [Int32] = (0..<count).map { index in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return switch chunkIndex % 4 {
                case 0: Int32(index)  // rising: every value stays queued as a minimum
                case 1: Int32(5_000 - index)  // falling: every value stays queued as a maximum
                default: Int32(truncatingIfNeeded: state >> 52) - 2_048
                }
            }
            let chunk = WaveformChunk(
                device: "bed1", channel: ChannelDescriptor(name: "ecg", code: ChannelCode(display: "ECG"), unit: "mV"),
                startUnixNs: startNs, periodNs: 2_777_778, scale: chunkIndex % 3 == 0 ? -0.005 : 0.005, offset: 0.25, samples: samples)
            whole.ranges(of: chunk, windowNs: windowNs, into: &ranges)
            for (index, sample) in samples.enumerated() {
                let time = startNs + Int64(index) * chunk.periodNs
                single.append(Double(sample) * chunk.scale + chunk.offset, at: time)
                single.removeAll(before: time - windowNs)
                if single.range != ranges[index] { mismatches += 1 }
                compared += 1
            }
            startNs += Int64(count) * chunk.periodNs
        }
        #expect(compared > 50_000 && mismatches == 0, "\(mismatches) of \(compared)")
    }
}
