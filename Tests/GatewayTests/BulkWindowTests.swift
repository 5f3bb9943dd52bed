@testable import Gateway
import Testing

@Suite struct BulkWindowTests {
    let start = ContinuousClock.now

    @Test func aQuarterOfTheWindowStaysForAlarms() {
        #expect(BulkWindow(window: 32).maximum == 24)
        #expect(BulkWindow(window: 4).maximum == 3)
        #expect(BulkWindow(window: 1).maximum == 1, "a window of one cannot keep a slot back")
        #expect(BulkWindow(window: 32).limit == 8, "starts small until round trips are known")
    }

    @Test func timelyAcknowledgementsOpenTheWindowUpToItsMaximum() {
        var bulk = BulkWindow(window: 32, now: start)
        for step in 0..<100 { bulk.acknowledged(after: .milliseconds(2), now: start + .milliseconds(step)) }
        #expect(bulk.limit == 24)
        #expect(bulk.baseRoundTrip == .milliseconds(2))
    }

    @Test func queueingAtTheBrokerClosesItDownToAnEighth() {
        var bulk = BulkWindow(window: 32, now: start)
        bulk.acknowledged(after: .milliseconds(2), now: start)
        for step in 1...5 { bulk.acknowledged(after: .milliseconds(4), now: start + .milliseconds(step)) }
        #expect(bulk.limit == 8 + 6, "2 ms above the link's own round trip is within the 3 ms target: still growing")
        for step in 6..<40 { bulk.acknowledged(after: .milliseconds(6), now: start + .milliseconds(step)) }
        #expect(bulk.limit == 3, "4 ms of queueing above a 2 ms link: down to an eighth of 24")
    }

    @Test func theBaseRoundTripFollowsARouteChangeWithinTwoPeriods() {
        var bulk = BulkWindow(window: 32, now: start)
        bulk.acknowledged(after: .milliseconds(1), now: start)
        bulk.acknowledged(after: .milliseconds(50), now: start + .seconds(121))
        #expect(bulk.baseRoundTrip == .milliseconds(1), "the previous period still counts")
        bulk.acknowledged(after: .milliseconds(50), now: start + .seconds(242))
        #expect(bulk.baseRoundTrip == .milliseconds(50))
        let before = bulk.limit
        bulk.acknowledged(after: .milliseconds(70), now: start + .seconds(243))
        #expect(bulk.limit == before + 1, "20 ms of jitter on a 50 ms link is not mistaken for a queue")
        bulk.acknowledged(after: .milliseconds(80), now: start + .seconds(244))
        #expect(bulk.limit == before, "30 ms more than a 50 ms link is")
    }
}
