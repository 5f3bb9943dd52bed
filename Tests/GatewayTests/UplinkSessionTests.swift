import Foundation
@testable import Gateway
import GatewayModel
import LocalLab
import Logging
import Store
import Testing
import Transport

/// Promise 3 at the uplink: alarms get a slot while the bulk window is full, and an alarm raised during a
/// drain overtakes the outage's alarm backlog. A real mutual-TLS mosquitto and a real queue file; the test
/// plays the session's event loop by hand, so which PUBACK it has seen when is exact, not a race.
@Suite struct UplinkSessionTests {
    @Test func anAlarmIsSentWhileTheBulkWindowIsFull() async throws {
        let bench = try await UplinkBench()
        for index in 0..<40 { try bench.queue(.vital, "vital-\(index)") }
        var session = bench.session(window: 8)
        session.pump()
        let bulkLimit = BulkWindow(window: 8).limit
        #expect(session.inflightCount == bulkLimit, "vitals fill the bulk window and no more")
        session.pump()
        #expect(session.inflightCount == bulkLimit, "no PUBACK yet: no further vital goes out")

        try bench.queue(.alarm, "alarm")
        session.pump()
        #expect(session.inflightCount == bulkLimit + 1, "the alarm takes a reserved slot without waiting for a PUBACK")
        let names = await bench.receivedNames(count: bulkLimit + 1)
        #expect(names.count == bulkLimit + 1 && names.last == "alarm")
    }

    @Test func anAlarmRaisedDuringADrainOvertakesTheAlarmBacklog() async throws {
        let bench = try await UplinkBench()
        let backlog = (0..<20).map { "backlog-\($0)" }
        for name in backlog { try bench.queue(.alarm, name) }
        var session = bench.session(window: 8)
        session.pump()
        let bulkLimit = BulkWindow(window: 8).limit
        #expect(session.inflightCount == bulkLimit, "alarms queued before the session are backlog: within the bulk limit")

        try bench.queue(.alarm, "fresh")
        session.pump()
        #expect(session.inflightCount == bulkLimit + 1, "the new alarm goes out at once, without waiting for a PUBACK")
        for _ in 0...backlog.count {
            try await bench.acknowledgeNext(&session)
            session.pump()
        }
        let names = await bench.receivedNames(count: backlog.count + 1)
        #expect(names.count == backlog.count + 1, "every batch arrived")
        #expect(names.firstIndex(of: "fresh") == bulkLimit, "behind only the backlog alarms already in flight")
        #expect(names.filter { $0 != "fresh" } == backlog, "the backlog itself stays oldest first")
        #expect(session.isIdle)
    }

    @Test func refusedBacklogAlarmsAreSentAgainInOrderOnceTheBrokerAccepts() async throws {
        let bench = try await UplinkBench(refusing: true)
        let backlog = (0..<10).map { "backlog-\($0)" }
        for name in backlog { try bench.queue(.alarm, name) }
        var session = bench.session(window: 8)
        session.pump()
        let bulkLimit = BulkWindow(window: 8).limit
        for _ in 0..<bulkLimit {
            try await bench.acknowledgeNext(&session)
            session.pump()
        }
        #expect(session.isIdle, "every publish refused, and the paused lane sends nothing more")

        try await bench.acceptEverything()
        session.pump()
        #expect(session.inflightCount <= bulkLimit, "resent backlog stays within the bulk limit")
        #expect(session.inflightCount > 0, "the pause is over")
        while !session.isIdle {
            try await bench.acknowledgeNext(&session)
            session.pump()
        }
        let names = await bench.receivedNames(count: backlog.count)
        #expect(names == backlog, "each once, oldest first, the refused ones before the rest")
    }

    // An alarm batch goes out from memory while its commit runs; its row must then go with that PUBACK, not be sent again.

    @Test func anAlarmSentFromMemoryIsNotSentAgainWhenItsRowIsCommitted() async throws {
        let bench = try await UplinkBench()
        let outbox = AlarmOutbox()
        var session = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        session.pump()
        #expect(session.inflightCount == 1, "sent before its commit")

        try bench.commit(alarm, telling: outbox)
        session.pump()
        #expect(session.inflightCount == 1, "its committed row is not sent again")
        try await bench.acknowledgeNext(&session)
        session.pump()
        try bench.store.delete(ids: session.takeAcknowledged())
        #expect(session.isIdle)
        #expect(try bench.rows(.alarm) == 0, "the row went with the PUBACK of the batch sent from memory")
        #expect(bench.status.snapshot().batchesSent[.alarm] == 1)
        #expect(await bench.receivedNames(count: 1) == ["alarm"])
    }

    @Test func aRowCommittedAfterItsAlarmWasAcknowledgedIsDeletedUnsent() async throws {
        let bench = try await UplinkBench()
        let outbox = AlarmOutbox()
        var session = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        session.pump()
        try await bench.acknowledgeNext(&session)
        #expect(session.isIdle, "acknowledged before the commit finished")

        try bench.commit(alarm, telling: outbox)
        session.pump()
        #expect(session.isIdle, "the row is not sent")
        #expect(session.acknowledgedCount == 1, "it is deleted with the next acknowledged rows")
        try bench.store.delete(ids: session.takeAcknowledged())
        #expect(try bench.rows(.alarm) == 0)
        #expect(bench.status.snapshot().batchesSent[.alarm] == 1)
    }

    @Test func anAlarmInFlightFromMemoryWhenTheSessionEndsIsSentOnceByTheNext() async throws {
        let bench = try await UplinkBench()
        let outbox = AlarmOutbox()
        var first = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        first.pump()
        try bench.commit(alarm, telling: outbox)
        try await bench.discardNextAcknowledgement()
        first.returnUnstored()  // the connection dropped before the PUBACK reached the session

        var second = bench.session(window: 8, outbox: outbox)
        second.pump()
        #expect(second.inflightCount == 1, "sent again, once: from memory or as the queued row, not both")
        #expect(bench.status.snapshot().batchesSent[.alarm] == 2)
        try await bench.acknowledgeNext(&second)
        second.pump()
        try bench.store.delete(ids: second.takeAcknowledged())
        #expect(second.isIdle)
        #expect(try bench.rows(.alarm) == 0, "and its row went with the PUBACK")
    }

    @Test func anAlarmSentFromMemoryAndRefusedStaysQueuedAndIsRetried() async throws {
        let bench = try await UplinkBench(refusing: true)
        let outbox = AlarmOutbox()
        var session = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        session.pump()
        try bench.commit(alarm, telling: outbox)
        session.pump()
        try await bench.acknowledgeNext(&session)  // refused: 0x87
        session.pump()
        #expect(session.isIdle, "the alarm lane rests after the refusal")
        #expect(outbox.next() == nil, "the queue, not memory, retries it")

        try await bench.acceptEverything()
        session.pump()
        #expect(session.inflightCount == 1, "the queued row is retried")
        try await bench.acknowledgeNext(&session)
        try bench.store.delete(ids: session.takeAcknowledged())
        #expect(try bench.rows(.alarm) == 0)
        #expect(await bench.receivedNames(count: 1) == ["alarm"])
    }

    @Test func anAlarmRefusedBeforeItsCommitIsRetriedFromMemoryWithBackOff() async throws {
        let bench = try await UplinkBench(refusing: true)
        let outbox = AlarmOutbox()
        var session = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        session.pump()
        try await bench.acknowledgeNext(&session)  // refused: 0x87
        session.pump()
        session.pump()
        #expect(session.isIdle, "not sent again at once, pump after pump")
        #expect(bench.status.snapshot().batchesSent[.alarm] == 1)

        try await bench.acceptEverything()
        session.pump()
        #expect(session.inflightCount == 1, "sent again from memory once the back-off is over")
        try await bench.acknowledgeNext(&session)
        #expect(await bench.receivedNames(count: 1) == ["alarm"])
        #expect(outbox.takeDelivered(alarm.seq), "and the committer learns it was delivered")
    }
}
