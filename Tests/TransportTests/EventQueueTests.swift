import Dispatch
import Foundation
import LocalLab
import Testing
@testable import Transport

// The limit catches a hang, not slowness: in a full parallel run the integration tests' synchronous process waits
// can hold the cooperative pool's threads, and these tests then waited over a minute for one (2 cores).
/// The queue between libmosquitto's network thread and the client's consumer, driven from a real thread.
@Suite(.timeLimit(.minutes(5))) struct EventQueueTests {
    private static func message(_ index: Int) -> MQTTEvent {
        .message(MQTTMessage(topic: "t/\(index)", payload: Data("\(index)".utf8), qos: 1, retain: false))
    }

    private static func topic(_ event: MQTTEvent?) -> String? {
        guard case .message(let message) = event else { return nil }
        return message.topic
    }

    /// Pushes `count` messages from a thread of its own, as libmosquitto's network thread would; the group is left
    /// when it is done.
    private static func produce(_ count: Int, into queue: EventQueue) -> DispatchGroup {
        let done = DispatchGroup()
        done.enter()
        Thread.detachNewThread {
            for index in 0..<count { queue.push(message(index)) }
            done.leave()
        }
        return done
    }

    private static func isDone(_ group: DispatchGroup) -> Bool { group.wait(timeout: .now()) == .success }

    private static func waitFor(_ condition: () -> Bool) async -> Bool {
        await eventually(timeout: .seconds(10), poll: .milliseconds(5)) { condition() }
    }

    /// Whether the producer is still held after 100 ms. It blocks a thread of the pool on purpose: the check is that
    /// the producer did not get through, which only waiting can show.
    private static func isHeld(_ group: DispatchGroup) -> Bool {
        group.wait(timeout: .now() + .milliseconds(100)) == .timedOut
    }

    /// The consumer task's result; the suite's time limit cancels the consumer too, so a lost hand-over fails the
    /// test instead of hanging it.
    private static func result(of consumer: Task<MQTTEvent?, Never>) async -> MQTTEvent? {
        await withTaskCancellationHandler { await consumer.value } onCancel: { consumer.cancel() }
    }

    @Test func eventsArriveInOrderAndFinishingDeliversTheRestFirst() async {
        let queue = EventQueue(limit: nil)
        queue.push(.connected(sessionPresent: false))
        for index in 0..<5 { queue.push(Self.message(index)) }
        queue.finish()
        queue.push(Self.message(99))
        guard case .connected = await queue.next() else { Issue.record("the first event comes first"); return }
        var topics: [String] = []
        while let event = await queue.next() { topics.append(Self.topic(event) ?? "?") }
        #expect(topics == (0..<5).map { "t/\($0)" }, "what was queued before finish, not what came after")
        #expect(await queue.next() == nil)
    }

    @Test func theNetworkThreadWaitsAtTheLimitUntilTheConsumerTakesOne() async {
        let queue = EventQueue(limit: 3)
        defer { queue.stopBlocking() }
        let done = Self.produce(10, into: queue)
        #expect(await Self.waitFor { queue.count == 3 })
        #expect(Self.isHeld(done), "the producer is held at the bound")
        #expect(queue.count == 3)
        var topics = [Self.topic(await queue.next()) ?? "?"]
        #expect(await Self.waitFor { queue.count == 3 }, "one taken lets one more in")
        #expect(Self.isHeld(done))
        for _ in 1..<10 { topics.append(Self.topic(await queue.next()) ?? "?") }
        #expect(topics == (0..<10).map { "t/\($0)" })
        #expect(await Self.waitFor { Self.isDone(done) })
        #expect(queue.count == 0)
    }

    @Test func aWaitingConsumerIsHandedTheNextEventWhichTakesNoPlace() async {
        let queue = EventQueue(limit: 1)
        let consumer = Task { await queue.next() }
        #expect(await Self.waitFor { queue.hasWaitingConsumer })
        let done = Self.produce(1, into: queue)
        #expect(Self.topic(await Self.result(of: consumer)) == "t/0")
        #expect(await Self.waitFor { Self.isDone(done) })
        #expect(queue.count == 0, "an event handed straight over takes no place")
    }

    @Test func finishingWakesAWaitingConsumerWithNil() async {
        let queue = EventQueue(limit: 1)
        let consumer = Task { await queue.next() }
        #expect(await Self.waitFor { queue.hasWaitingConsumer })
        queue.finish()
        #expect(await Self.result(of: consumer) == nil)
    }

    /// Closing finishes the queue; a network thread waiting at the bound must be let go, or it never stops.
    @Test func finishingReleasesANetworkThreadWaitingAtTheBound() async {
        let queue = EventQueue(limit: 1)
        let done = Self.produce(3, into: queue)
        #expect(await Self.waitFor { queue.count == 1 })
        #expect(Self.isHeld(done))
        queue.finish()
        #expect(await Self.waitFor { Self.isDone(done) })
    }

    @Test func stopBlockingReleasesAWaitingNetworkThreadAndKeepsItsMessages() async {
        let queue = EventQueue(limit: 1)
        defer { queue.stopBlocking() }
        let done = Self.produce(3, into: queue)
        #expect(await Self.waitFor { queue.count == 1 })
        queue.stopBlocking()
        #expect(await Self.waitFor { Self.isDone(done) })
        queue.finish()
        var topics: [String] = []
        while let event = await queue.next() { topics.append(Self.topic(event) ?? "?") }
        #expect(topics == ["t/0", "t/1", "t/2"], "closing drops nothing libmosquitto already acknowledged")
    }

    /// Past the cancellation nobody takes messages, and libmosquitto acknowledges what it hands over: the network
    /// thread waits with the first one, so the broker keeps them all until the client closes.
    @Test func aCancelledConsumerGetsNilAndTheNetworkThreadHandsNothingMoreOver() async {
        let queue = EventQueue(limit: 2)
        defer { queue.stopBlocking() }
        let consumer = Task { await queue.next() }
        #expect(await Self.waitFor { queue.hasWaitingConsumer })
        consumer.cancel()
        #expect(await Self.result(of: consumer) == nil)
        let done = Self.produce(5, into: queue)
        #expect(Self.isHeld(done), "held with the first message")
        #expect(queue.count == 0)
        queue.stopBlocking()
        #expect(await Self.waitFor { Self.isDone(done) })
        #expect(await queue.next() == nil)
    }

    /// Thousands of events queued at once: the front is dropped in steps as it is taken, and the order holds.
    @Test func aLongBacklogKeepsItsOrderThroughCompaction() async {
        let queue = EventQueue(limit: nil)
        for index in 0..<5_000 { queue.push(Self.message(index)) }
        var taken: [String] = []
        for _ in 0..<3_000 { taken.append(Self.topic(await queue.next()) ?? "?") }
        for index in 5_000..<6_000 { queue.push(Self.message(index)) }
        queue.finish()
        while let event = await queue.next() { taken.append(Self.topic(event) ?? "?") }
        #expect(taken == (0..<6_000).map { "t/\($0)" })
    }
}
