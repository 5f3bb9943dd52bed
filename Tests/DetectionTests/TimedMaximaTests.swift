@testable import Detection
import Testing

@Suite struct TimedMaximaTests {
    /// A window's maximum and minimum at every step, the slow way, to hold the queues against.
    struct Reference {
        var items: [(time: Int64, value: Double)] = []
        mutating func append(_ value: Double, at time: Int64, window: Int64) {
            items.append((time, value))
            items.removeAll { $0.time < time - window }
        }
        var range: Double? { items.isEmpty ? nil : items.map(\.value).max()! - items.map(\.value).min()! }
    }

    /// Long descending and ascending runs keep hundreds of values queued, so the ring grows (from 64) while its
    /// live part wraps around the end; random stretches between them drop values from both ends.
    @Test func extremesMatchARecomputedWindowWhileTheRingGrowsAndWraps() {
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

    @Test func growsWhileItsLiveValuesWrapAroundTheEnd() {
        var maxima = TimedMaxima(capacity: 4)
        for (time, value) in [10.0, 9, 8, 7].enumerated() { maxima.append(value, at: Int64(time)) }
        maxima.removeAll(before: 2)  // 8 and 7 left, at the ring's back half
        for (time, value) in [6.0, 5, 4].enumerated() { maxima.append(value, at: Int64(time + 4)) }  // 6 and 5 wrap; 4 grows it
        var fronts: [Double] = []
        for cutoff in Int64(3)...7 {
            fronts.append(maxima.maximum ?? .nan)
            maxima.removeAll(before: cutoff)
        }
        #expect(fronts == [8, 7, 6, 5, 4])
        #expect(maxima.maximum == nil)
    }

    @Test func emptiesAndRefills() {
        var maxima = TimedMaxima(capacity: 2)
        #expect(maxima.maximum == nil)
        for time in Int64(0)..<10 { maxima.append(Double(-time), at: time) }
        #expect(maxima.maximum == 0)
        maxima.removeAll(before: 7)
        #expect(maxima.maximum == -7)
        maxima.removeAll(before: 100)
        #expect(maxima.maximum == nil)
        maxima.append(3, at: 200)
        maxima.removeAll()
        #expect(maxima.maximum == nil)
        maxima.append(5, at: 300)
        #expect(maxima.maximum == 5)
    }
}
