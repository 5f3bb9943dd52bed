import DeviceCodecs
@testable import Gateway
import GatewayModel
import Testing

/// The pipeline's queue: urgent inputs first, each device's inputs in their order, barriers never overtaken.
@Suite struct PipelineQueueTests {
    /// A reading input tagged `device#n`, so the order taken can be read back.
    func reading(_ device: String, _ n: Int) -> PipelineInput {
        .readings(
            device: DeviceInfo(id: device, profile: "p"), lane: .vital, measurements: [], waveforms: [],
            conditions: [DeviceCondition(code: "tag", active: false, timeUnixMs: Int64(n))], arrivedAt: .now
        )
    }

    func label(_ input: PipelineInput) -> String {
        switch input {
        case let .readings(device, _, _, _, conditions, _): "\(device.id)#\(conditions.first?.timeUnixMs ?? -1)"
        case .tick: "tick"
        case .flush: "flush"
        case .reconfigure: "reconfigure"
        case .endOfRecording: "end"
        }
    }

    func drain(_ queue: PipelineQueue) async -> [String] {
        queue.finish()
        var taken: [String] = []
        while let input = await queue.next() { taken.append(label(input)) }
        return taken
    }

    @Test func anUrgentInputOvertakesOtherDevicesAndTakesItsOwnEarlierInputsAlong() async {
        let queue = PipelineQueue()
        for n in 0..<4 { queue.push(reading("a", n)) }
        queue.push(reading("b", 0))
        queue.push(.tick)
        queue.push(reading("b", 1))
        queue.push(reading("a", 4))
        queue.push(reading("b", 2), urgent: true)
        queue.push(reading("c", 0))
        #expect(await drain(queue) == ["b#0", "b#1", "b#2", "a#0", "a#1", "a#2", "a#3", "tick", "a#4", "c#0"])
        #expect(queue.urgentInputs == 1)
    }

    @Test func urgentInputsKeepTheirOrderAmongThemselves() async {
        let queue = PipelineQueue()
        queue.push(reading("a", 0))
        queue.push(reading("b", 0), urgent: true)
        queue.push(reading("b", 1))
        queue.push(reading("a", 1), urgent: true)
        queue.push(reading("b", 2), urgent: true)
        #expect(await drain(queue) == ["b#0", "a#0", "a#1", "b#1", "b#2"])
    }

    @Test func noInputOvertakesAQueuedReloadFlushOrEndOfRecording() async {
        let queue = PipelineQueue()
        queue.push(reading("a", 0))
        queue.push(.flush)
        queue.push(reading("a", 1))
        queue.push(.endOfRecording)
        queue.push(reading("c", 0))
        queue.push(reading("b", 0), urgent: true)
        #expect(await drain(queue) == ["a#0", "flush", "a#1", "end", "b#0", "c#0"])
    }

    @Test func aWaitingConsumerGetsThePushedInputAndFinishingEndsAfterTheQueued() async throws {
        let queue = PipelineQueue()
        let consumer = Task { await queue.next().map(label) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(queue.push(reading("a", 0), urgent: true))
        #expect(await consumer.value == "a#0")
        queue.push(reading("a", 1))
        queue.finish()
        #expect(!queue.push(reading("a", 2)), "nobody takes an input after the finish")
        #expect(await queue.next().map(label) == "a#1", "what was queued before the finish is still handed on")
        #expect(await queue.next() == nil)
    }

    @Test func aCancelledConsumerStopsWaiting() async throws {
        let queue = PipelineQueue()
        let consumer = Task { await queue.next().map(label) }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        #expect(await consumer.value == nil)
        queue.push(reading("a", 0))
        #expect(await queue.next().map(label) == "a#0", "the input pushed after the cancellation stays queued")
    }

    @Test func theBacklogStaysInOrderAcrossItsCompaction() async {
        let queue = PipelineQueue()
        var taken: [String] = []
        for n in 0..<5000 {
            queue.push(reading("a", n))
            if n % 3 == 0, let input = await queue.next() { taken.append(label(input)) }
        }
        taken += await drain(queue)
        #expect(taken == (0..<5000).map { "a#\($0)" })
    }
}
