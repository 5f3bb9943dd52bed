import Foundation
import Synchronization
import Testing
@testable import Transport

/// The queue between libmosquitto's network thread and the client's consumer, driven from a real thread.
@Suite struct EventQueueTests {
    private static func message(_ index: Int) -> MQTTEvent {
        .message(MQTTMessage(topic: "t/\(index)", payload: Data("\(index)".utf8), qos: 1, retain: false))
    }

    private static func topic(_ event: MQTTEvent?) -> String? {
        guard case .message(let message) = event else { return nil }
        return message.topic
    }

    /// Runs `body` on a thread of its own, as libmosquitto's network thread would; `done` reports its end.
    private static func producer(_ body: @escaping @Sendable () -> Void) -> ThreadDone {
        let done = ThreadDone()
        Thread.detachNewThread {
            body()
            done.mark()
        }
        return done
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

    @Test func theNetworkThreadWaitsAtTheLimitUntilTheConsumerTakesOne() async throws {
        let queue = EventQueue(limit: 3)
        let done = Self.producer { for index in 0..<10 { queue.push(Self.message(index)) } }
        try await Self.waitUntil { queue.count == 3 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(queue.count == 3 && !done.isMarked, "the producer is held at the bound")
        var topics: [String] = []
        for _ in 0..<10 { topics.append(Self.topic(await queue.next()) ?? "?") }
        #expect(topics == (0..<10).map { "t/\($0)" })
        try await Self.waitUntil { done.isMarked }
        #expect(queue.count == 0)
    }

    @Test func aWaitingConsumerIsHandedTheNextEvent() async throws {
        let queue = EventQueue(limit: 2)
        let consumer = Task { await queue.next() }
        try await Task.sleep(for: .milliseconds(50))
        _ = Self.producer { queue.push(Self.message(7)) }
        #expect(Self.topic(await consumer.value) == "t/7")
        #expect(queue.count == 0, "an event handed straight over takes no place")
    }

    @Test func stopBlockingReleasesAWaitingNetworkThreadAndKeepsItsMessages() async throws {
        let queue = EventQueue(limit: 1)
        let done = Self.producer { for index in 0..<3 { queue.push(Self.message(index)) } }
        try await Self.waitUntil { queue.count == 1 }
        queue.stopBlocking()
        try await Self.waitUntil { done.isMarked }
        queue.finish()
        var topics: [String] = []
        while let event = await queue.next() { topics.append(Self.topic(event) ?? "?") }
        #expect(topics == ["t/0", "t/1", "t/2"], "closing drops nothing libmosquitto already acknowledged")
    }

    @Test func aCancelledConsumerGetsNilAndNoLongerHoldsBackTheNetworkThread() async throws {
        let queue = EventQueue(limit: 1)
        let consumer = Task { await queue.next() }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        #expect(await consumer.value == nil)
        let done = Self.producer { for index in 0..<5 { queue.push(Self.message(index)) } }
        try await Self.waitUntil { done.isMarked }
        #expect(queue.count == 0, "nobody will take them, so they are not kept")
        #expect(await queue.next() == nil)
    }

    private static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// A flag one thread sets and another reads.
private final class ThreadDone: Sendable {
    private let flag = Mutex(false)
    var isMarked: Bool { flag.withLock { $0 } }
    func mark() { flag.withLock { $0 = true } }
}

/// A condition a test waited for did not come within its deadline.
private struct TimedOut: Error {}
