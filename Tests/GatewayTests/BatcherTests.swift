@testable import Gateway
import GatewayModel
import Testing

@Suite struct BatcherTests {
    let device = DeviceInfo(id: "bed1", profile: "senml-vitals")
    let hr = ChannelDescriptor(name: "hr", code: ChannelCode(loinc: "8867-4"), unit: "/min")

    func readings(_ count: Int) -> [Measurement] {
        (0..<count).map { Measurement(device: "bed1", channel: hr, timeUnixMs: Int64($0), value: 60) }
    }

    @Test func aLaneClosesOnMaxLatency() {
        var batcher = Batcher(policies: [.vital: LanePolicy(maxLatency: .milliseconds(500), maxBytes: 1 << 20)], tick: .zero)
        let start = ContinuousClock.now
        #expect(batcher.add(readings(3), from: device, lane: .vital, now: start).isEmpty)
        #expect(batcher.add(readings(2), from: device, lane: .vital, now: start + .milliseconds(100)).isEmpty)
        #expect(batcher.due(now: start + .milliseconds(499)).isEmpty)
        #expect(batcher.pendingReadings == 5)
        let closed = batcher.due(now: start + .milliseconds(500))
        #expect(closed.count == 1 && closed[0].lane == .vital && closed[0].content.measurements.count == 5)
        #expect(closed[0].content.devices == [device], "a device is listed once per batch")
        #expect(batcher.pendingReadings == 0)
    }

    @Test func latencyCountsFromArrivalAndClosesOnTheLastTickBeforeTheDeadline() {
        var batcher = Batcher(policies: [.vital: LanePolicy(maxLatency: .milliseconds(500), maxBytes: 1 << 20)], tick: .milliseconds(25))
        let start = ContinuousClock.now
        // The readings waited 100 ms in the inbox before the pipeline took them.
        #expect(batcher.add(readings(3), from: device, lane: .vital, arrivedAt: start - .milliseconds(100), now: start).isEmpty)
        #expect(batcher.add(readings(1), from: device, lane: .vital, arrivedAt: start, now: start + .milliseconds(10)).isEmpty)
        #expect(batcher.due(now: start + .milliseconds(374)).isEmpty)
        let closed = batcher.due(now: start + .milliseconds(375))
        #expect(closed.count == 1 && closed[0].content.measurements.count == 4)
        #expect(closed.first?.arrivedAt == start - .milliseconds(100), "the oldest reading's arrival")
    }

    @Test func inputsOlderThanTheWindowStillShareOneBatch() {
        var batcher = Batcher(policies: [.vital: LanePolicy(maxLatency: .milliseconds(250), maxBytes: 1 << 20)], tick: .milliseconds(25))
        let now = ContinuousClock.now
        // A stall: every input waited a second in the inbox; sealing each alone would fsync each alone.
        for step in 0..<100 {
            let closed = batcher.add(readings(1), from: device, lane: .vital, arrivedAt: now - .seconds(1), now: now + .microseconds(step))
            #expect(closed.isEmpty)
        }
        let closed = batcher.due(now: now + .milliseconds(1))
        #expect(closed.count == 1 && closed.first?.content.measurements.count == 100, "one batch at the tick")
    }

    @Test func batchArrivalsAreTakenOnceAndStayBounded() {
        let arrivals = BatchArrivals(capacity: 100)
        let now = ContinuousClock.now
        let closed = now + .milliseconds(200)
        for seq in UInt64(1)...1000 { arrivals.sealed(seq: seq, oldestArrival: now, closedAt: closed) }
        #expect(arrivals.take(seq: 1000) == .init(oldestArrival: now, closedAt: closed))
        #expect(arrivals.take(seq: 1000) == nil, "taken once")
        #expect(arrivals.take(seq: 1) == nil, "far behind the newest: forgotten")
        #expect(arrivals.count <= 100)
    }

    @Test func aLaneClosesEarlyByWhatDeliveryLatelyTook() {
        let window = Duration.milliseconds(250)
        let delivery = DeliveryAllowance(maxLatency: [.vital: window, .wave: window])
        let policy = LanePolicy(maxLatency: window, maxBytes: 1 << 20)
        var batcher = Batcher(policies: [.vital: policy, .wave: policy], tick: .milliseconds(25), delivery: delivery)
        delivery.record(.vital, .milliseconds(30))
        delivery.record(.vital, .milliseconds(40))
        delivery.record(.wave, .milliseconds(10))
        let start = ContinuousClock.now
        _ = batcher.add(readings(2), from: device, lane: .vital, now: start)
        _ = batcher.add([WaveformChunk(device: "bed1", channel: hr, startUnixNs: 0, periodNs: 2_000_000, samples: [1, 2])], from: device, now: start)
        #expect(batcher.due(now: start + .milliseconds(184)).isEmpty)
        let closed = batcher.due(now: start + .milliseconds(185))
        #expect(closed.map(\.lane) == [.vital], "250 ms less a tick and the largest recent delivery")
        #expect(closed.first?.closedAt == start + .milliseconds(185))
        #expect(batcher.due(now: start + .milliseconds(214)).isEmpty, "the wave lane learnt apart")
        #expect(batcher.due(now: start + .milliseconds(215)).map(\.lane) == [.wave])

        // A slow upstream does not shrink batches below three quarters of the window, less a tick.
        delivery.record(.vital, .milliseconds(240))
        _ = batcher.add(readings(2), from: device, lane: .vital, now: start)
        #expect(batcher.due(now: start + .milliseconds(162)).isEmpty)
        #expect(batcher.due(now: start + .milliseconds(163)).count == 1)
    }

    @Test func deliveryAllowanceIsTheLargestOfEachLanesRecentSamplesWithinTheWindow() {
        let delivery = DeliveryAllowance(maxLatency: [.alarm: .zero, .vital: .seconds(1), .wave: .seconds(1)])
        #expect(delivery.allowance(for: .vital) == .zero, "nothing learnt yet")
        delivery.record(.vital, .milliseconds(90))
        for _ in 1..<DeliveryAllowance.samplesKept { delivery.record(.vital, .milliseconds(20)) }
        delivery.record(.wave, .milliseconds(5))
        #expect(delivery.allowance(for: .vital) == .milliseconds(90))
        #expect(delivery.allowance(for: .wave) == .milliseconds(5), "lanes learn apart")
        delivery.record(.vital, .milliseconds(30))
        #expect(delivery.allowance(for: .vital) == .milliseconds(30), "the oldest sample rolled off")
        // Held up by a backlog or an outage for the whole window or longer: not something closing earlier helps.
        delivery.record(.vital, .seconds(1))
        delivery.record(.vital, .seconds(300))
        #expect(delivery.allowance(for: .vital) == .milliseconds(30))
        delivery.record(.vital, .milliseconds(999))
        #expect(delivery.allowance(for: .vital) == .milliseconds(250), "at most a quarter of the window")
        delivery.record(.alarm, .milliseconds(4))
        #expect(delivery.allowance(for: .alarm) == .zero, "a zero window caps it to nothing: alarms close at once")
        let fresh = DeliveryAllowance(maxLatency: [.vital: .seconds(1)])
        fresh.record(.vital, .milliseconds(-3))
        fresh.record(.wave, .milliseconds(3))
        #expect(fresh.allowance(for: .vital) == .zero, "a negative time is not learnt")
        #expect(fresh.allowance(for: .wave) == .zero, "a lane without a window never closes early")
    }

    @Test func aPubackTeachesDeliveryFromCloseToPuback() {
        var timers = PipelineTimers()
        timers.arrivals = BatchArrivals()
        timers.delivery = DeliveryAllowance(maxLatency: [.vital: .seconds(1)])
        let start = ContinuousClock.now
        let closed = start + .milliseconds(200)
        timers.arrivals?.sealed(seq: 7, oldestArrival: start, closedAt: closed)
        timers.acknowledged(seq: 7, lane: .vital, sentAt: closed + .milliseconds(15), at: closed + .milliseconds(25))
        #expect(timers.delivery?.allowance(for: .vital) == .milliseconds(25))
        timers.acknowledged(seq: 8, lane: .vital, sentAt: start, at: closed + .milliseconds(90))
        #expect(timers.delivery?.allowance(for: .vital) == .milliseconds(25), "a batch with no times recorded teaches nothing")
        #expect(timers.arrivals?.count == 0)
    }

    @Test func aLaneClosesOnMaxBytes() {
        var batcher = Batcher(policies: [.vital: LanePolicy(maxLatency: .seconds(60), maxBytes: 1024)])
        let now = ContinuousClock.now
        #expect(batcher.add(readings(10), from: device, lane: .vital, now: now).isEmpty)
        let closed = batcher.add(readings(100), from: device, lane: .vital, now: now)
        #expect(closed.count == 1 && closed[0].content.measurements.count == 110)
    }

    @Test func alarmsCloseAtOnceAndDrainTakesTheRest() {
        var batcher = Batcher(policies: [.alarm: LanePolicy.defaults(for: .alarm), .vital: LanePolicy.defaults(for: .vital)])
        let now = ContinuousClock.now
        _ = batcher.add(readings(1), from: device, lane: .vital, now: now)
        let event = Event(id: "e1", kind: .raised, device: "bed1", channel: hr, rule: "above-120", priority: .medium, timeUnixMs: 0, value: 130, message: "")
        let closed = batcher.add([event], devices: [device], now: now)
        #expect(closed.map(\.lane) == [.alarm])
        #expect(batcher.drain().map(\.lane) == [.vital])
        #expect(batcher.drain().isEmpty)
    }
}
