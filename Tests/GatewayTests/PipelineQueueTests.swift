import DeviceCodecs
import LocalLab
@testable import Gateway
import GatewayModel
import Testing

/// The pipeline's queue: urgent inputs first, each device's inputs in their order, barriers never overtaken.
@Suite struct PipelineQueueTests {
    /// A reading input tagged `device#n`, so the order taken can be read back.
    func reading(_ device: String, _ n: Int, patient: String? = nil) -> PipelineInput {
        .readings(
            device: DeviceInfo(id: device, profile: "p", patient: patient), lane: .vital, measurements: [], waveforms: [],
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

    @Test func aCancelledConsumerStopsWaitingAndNothingMoreIsTaken() async throws {
        let queue = PipelineQueue()
        let consumer = Task { await queue.next().map(label) }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        #expect(await consumer.value == nil)
        #expect(!queue.push(reading("a", 0)), "a source gives its place back rather than queue for a stopped pipeline")
        #expect(await queue.next() == nil)
    }

    @Test func aPatientsDevicesStayInOrderTogether() async {
        let queue = PipelineQueue()
        queue.push(reading("ecg", 0, patient: "p1"))
        queue.push(reading("other", 0, patient: "p2"))
        queue.push(reading("pleth", 0, patient: "p1"))
        queue.push(reading("spo2", 0, patient: "p1"), urgent: true)
        #expect(await drain(queue) == ["ecg#0", "pleth#0", "spo2#0", "other#0"])
    }

    /// Random pushes and takes: every input comes out once, and per patient and around barriers the order holds.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomTrafficKeepsTheOrderRules(seed: UInt64) async {
        var random = SplitMix64(seed: seed)
        let queue = PipelineQueue()
        var pushed: [(label: String, key: String?, urgent: Bool)] = []
        var taken: [String] = []
        for n in 0..<1000 {
            let roll = random.next() % 100
            if roll < 3 {
                queue.push(.flush)
                pushed.append(("flush", nil, false))
            } else {
                let device = "d\(random.next() % 6)"
                let urgent = roll < 12
                queue.push(reading(device, n, patient: device == "d5" || device == "d4" ? "p-d4" : nil), urgent: urgent)
                pushed.append(("\(device)#\(n)", device == "d5" || device == "d4" ? "p-d4" : device, urgent))
            }
            if random.next() % 3 == 0, let input = await queue.next() { taken.append(label(input)) }
        }
        taken += await drain(queue)
        #expect(taken.count == pushed.count && Set(taken.filter { $0 != "flush" }).count == pushed.count { $0.label != "flush" }, "each input once")
        // Flushes are told apart by their place among the flushes, which keep their order as barriers.
        var flushes = 0
        let labels = pushed.map { $0.label == "flush" ? { flushes += 1; return "flush\(flushes)" }() : $0.label }
        flushes = 0
        let takenLabels = taken.map { $0 == "flush" ? { flushes += 1; return "flush\(flushes)" }() : $0 }
        let position = Dictionary(takenLabels.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        let order = labels.map { position[$0, default: -1] }
        var misordered: [String] = []
        var overtakings = 0
        for (index, earlier) in pushed.enumerated() {
            for later in (index + 1)..<pushed.count {
                let bound = earlier.key == nil || pushed[later].key == nil || earlier.key == pushed[later].key
                if bound, order[index] > order[later] { misordered.append("\(labels[index]) after \(labels[later])") }
                if !bound, pushed[later].urgent, order[later] < order[index] { overtakings += 1 }
            }
        }
        #expect(order.allSatisfy { $0 >= 0 })
        #expect(misordered.isEmpty, "\(misordered.prefix(5))")
        #expect(overtakings > 0, "urgent inputs went ahead of others' earlier ones")
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
