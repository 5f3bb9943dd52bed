import LocalLab
import Synchronization
import Testing
@testable import Gateway

// The limit catches a hang, not slowness: in a full parallel run the integration tests' synchronous process waits
// can hold the cooperative pool's threads, and these tests then waited over a minute for one (2 cores).
/// The bound between the sources and the pipeline.
@Suite(.timeLimit(.minutes(5))) struct InboxGateTests {
    @Test func aSenderWaitsAtTheBoundAndEveryInputGetsThrough() async throws {
        let gate = InboxGate(capacity: 4)
        let entered = Atomic<Int>(0)
        let sender = Task {
            for _ in 0..<10 {
                await gate.enter()
                entered.add(1, ordering: .relaxed)
            }
        }
        #expect(await eventually(timeout: .seconds(10)) { gate.waits >= 1 }, "the sender stopped at the bound")
        #expect(entered.load(ordering: .relaxed) == 4)
        #expect(gate.outstanding == 4)

        // The pipeline's side: one leave per input that entered, as it handles them.
        var left = 0
        while entered.load(ordering: .relaxed) < 10 || gate.outstanding > 0 {
            if gate.outstanding > 0 {
                gate.leave()
                left += 1
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        await sender.value
        #expect(entered.load(ordering: .relaxed) == 10, "each place handed on reached the waiting sender")
        #expect(left == 10)
        #expect(gate.waits >= 1, "the sender waited at least once: \(gate.waits)")
    }

    @Test func closingReleasesWaitersAndNeverBlocksAgain() async {
        let gate = InboxGate(capacity: 1)
        await gate.enter()
        let waiting = Task { await gate.enter() }
        try? await Task.sleep(for: .milliseconds(100))
        gate.close()
        await waiting.value
        await gate.enter()  // would hang if close did not open the gate for good
        #expect(gate.outstanding == 3)
    }

    @Test func urgentInputsHavePlacesOfTheirOwnAndGetFreedPlacesFirst() async throws {
        let gate = InboxGate(capacity: 2, reserve: 1)
        await gate.enter()
        await gate.enter()
        let normal = Task { await gate.enter() }
        #expect(await eventually(timeout: .seconds(10)) { gate.waits == 1 })
        await gate.enter(urgent: true)  // hangs without the reserve (the suite's time limit fails it)
        #expect(gate.outstanding == 3)
        let urgent = Task { await gate.enter(urgent: true) }
        #expect(await eventually(timeout: .seconds(10)) { gate.waits == 2 }, "the reserve is used up: both wait")
        #expect(gate.outstanding == 3)
        gate.leave()
        await urgent.value
        #expect(gate.outstanding == 3, "the freed place went to the urgent waiter, though the other waited longer")
        gate.leave()
        gate.leave()
        await normal.value
        #expect(gate.outstanding == 2, "a normal input waits until the count is back under the capacity")
        #expect(gate.waits == 2)
    }
}
