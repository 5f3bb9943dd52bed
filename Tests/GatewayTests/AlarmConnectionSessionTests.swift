import Foundation
@testable import Gateway
import GatewayModel
import LocalLab
import Testing

/// The alarm-only connection at the session level: which session sends the alarm lane, how an alarm sent from
/// memory by one connection settles a row the other met, and what a refusal on the alarm connection does.
/// Sessions share one real client here; what is tested is their bookkeeping, not the sockets.
@Suite struct AlarmConnectionSessionTests {
    @Test func theMainSessionLeavesAlarmsToTheAlarmConnectionWhileItIsUp() async throws {
        let bench = try await UplinkBench()
        let outbox = AlarmOutbox()
        let route = AlarmRoute()
        route.set(up: true)
        var main = bench.session(window: 8, outbox: outbox, link: .main, carriesAlarms: { !route.alarmConnectionUp })
        try bench.queue(.alarm, "queued-alarm")
        try bench.queue(.vital, "vital")
        _ = bench.offerAlarm("memory-alarm", to: outbox)
        main.pump()
        #expect(main.inflightCount == 1, "only the vital batch: the alarm lane and the outbox are the alarm connection's")
        #expect(await bench.receivedNames(count: 1) == ["vital"])

        route.set(up: false)
        main.pump()
        #expect(main.inflightCount == 3, "with the alarm connection down, the main one takes both alarms")
        #expect(Set(await bench.receivedNames(count: 3)) == ["vital", "queued-alarm", "memory-alarm"])
    }

    @Test func theAlarmSessionSendsNoOtherLane() async throws {
        let bench = try await UplinkBench()
        try bench.queue(.vital, "vital")
        try bench.queue(.wave, "wave")
        try bench.queue(.alarm, "alarm")
        var alarm = bench.session(window: 8, link: .alarm)
        alarm.pump()
        #expect(alarm.inflightCount == 1)
        #expect(await bench.receivedNames(count: 1) == ["alarm"])
        #expect(bench.status.snapshot().alarmLink?.inflight == 1, "its status is the alarm connection's")
        #expect(bench.status.snapshot().upstream.inflight == 0)
    }

    @Test func aRowWhoseBatchIsInFlightOnTheOtherConnectionIsSentHereToo() async throws {
        let bench = try await UplinkBench()
        let outbox = AlarmOutbox()
        var main = bench.session(window: 8, outbox: outbox)
        let alarm = bench.offerAlarm("alarm", to: outbox)
        main.pump()
        #expect(main.inflightCount == 1, "the main connection sent it from memory (the alarm connection was down)")

        try bench.commit(alarm, telling: outbox)
        var alarmSession = bench.session(window: 8, outbox: outbox, link: .alarm)
        alarmSession.pump()
        // The main connection may yet be refused and keep the row to itself, or end without a PUBACK.
        #expect(alarmSession.inflightCount == 1, "the alarm connection, now up, does not count on the other one's send")
        try await bench.acknowledgeNext(&main)
        try await bench.acknowledgeNext(&alarmSession)
        try bench.store.delete(ids: alarmSession.takeAcknowledged() + main.takeAcknowledged())
        #expect(try bench.rows(.alarm) == 0)
        #expect(await bench.receivedNames(count: 2) == ["alarm", "alarm"], "sent twice; the receiver drops the repeat")
    }

    @Test func aRefusalOnTheAlarmConnectionEndsItsSessionAndTheMainOneSendsTheAlarms() async throws {
        let bench = try await UplinkBench(refusing: true)
        let outbox = AlarmOutbox()
        try bench.queue(.alarm, "queued-alarm")
        var alarm = bench.session(window: 8, outbox: outbox, link: .alarm)
        alarm.pump()
        try await bench.acknowledgeNext(&alarm)
        #expect(alarm.failed != nil && alarm.refusedOnAlarmConnection, "refused: the session ends, the main connection takes over")
        #expect(alarm.acknowledgedCount == 0)
        #expect(try bench.rows(.alarm) == 1, "the refused alarm stays queued")

        _ = bench.offerAlarm("memory-alarm", to: outbox)
        var next = bench.session(window: 8, outbox: outbox, link: .alarm)
        next.pump()
        try await bench.acknowledgeNext(&next)
        #expect(next.refusedOnAlarmConnection, "refused again, now an alarm sent from memory")
        try await bench.discardNextAcknowledgement()  // the queued alarm's refusal, sent in the same pump
        next.returnUnstored()

        try await bench.acceptEverything()  // the main connection's ACL allows what the alarm connection's did not
        var main = bench.session(window: 8, outbox: outbox)
        main.pump()
        #expect(main.inflightCount == 2, "the main connection sends the queued alarm and the one from memory")
        try await bench.acknowledgeNext(&main)
        try await bench.acknowledgeNext(&main)
        try bench.store.delete(ids: main.takeAcknowledged())
        #expect(try bench.rows(.alarm) == 0)
        #expect(Set(await bench.receivedNames(count: 2)) == ["queued-alarm", "memory-alarm"])
    }
}
