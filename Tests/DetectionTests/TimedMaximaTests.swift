@testable import Detection
import Testing

@Suite struct TimedMaximaTests {
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
