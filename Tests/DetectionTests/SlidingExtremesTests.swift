@testable import Detection
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
}
