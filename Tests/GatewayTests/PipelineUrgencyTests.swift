import Foundation
@testable import Gateway
import GatewayModel
import LocalLab
import Logging
import Synchronization
import Testing

// The limit catches a hang, not slowness: in a full parallel run the integration tests' synchronous process waits
// can hold the cooperative pool's threads, and these tests then waited over a minute for one (2 cores).
/// The pipeline as the gateway assembles it, with a real store: an alarm reading is analysed before the load
/// queued ahead of it.
@Suite(.timeLimit(.minutes(5))) struct PipelineUrgencyTests {
    @Test func anAlarmReadingIsAnalysedBeforeTheLoadQueuedAheadOfIt() async throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let config = try GatewayConfig.load(path: try fixture.write(ConfigFixture.valid))
        let raised = Mutex<[Bool]>([])  // per analysed device input: whether it raised an event
        let runtime = try GatewayRuntime.make(config: config, logger: Logger(label: "test")) { found in
            raised.withLock { $0.append(!found.events.isEmpty) }
        }
        let pipeline = try #require(runtime.services.lazy.compactMap { $0 as? PipelineService }.first)
        try #require(config.deviceProfiles.count == 2)
        let (patient, load) = (config.deviceProfiles[0], config.deviceProfiles[1])
        #expect(load.0.info.id == "bed14" && patient.0.info.patient == "p-7f3a")

        // The load's messages wait while the pipeline is not yet running, as they would behind a busy analysis.
        let loadDecoder = DeviceDecoder(device: load.0.info, profile: load.1)
        for n in 0..<200 {
            let (mapped, _) = try loadDecoder.decodeAndMap(Data(#"[{"bt":\#(1_764_000_000 + n),"n":"hr","v":70}]"#.utf8), topic: "t", nowUnixMs: 0)
            #expect(!mapped.mayAlarm)
            await runtime.feed.inbox.send(device: load.0.info, lane: .vital, measurements: mapped.measurements, waveforms: [], urgent: mapped.mayAlarm)
        }
        // Systolic 80 mm[Hg] is below the profile's limit of 90, which has no delay: one reading raises the alarm.
        let patientDecoder = DeviceDecoder(device: patient.0.info, profile: patient.1)
        let (alarm, _) = try patientDecoder.decodeAndMap(Data(#"[{"bt":1764000300,"n":"sys","v":80}]"#.utf8), topic: "t", nowUnixMs: 0)
        #expect(alarm.mayAlarm)
        await runtime.feed.inbox.send(device: patient.0.info, lane: .vital, measurements: alarm.measurements, waveforms: [], urgent: alarm.mayAlarm)

        let running = Task { await pipeline.run() }
        let analysed = await eventually(timeout: .seconds(20)) { raised.withLock { $0.count } == 201 }
        runtime.feed.inbox.queue.finish()
        await running.value
        #expect(analysed)
        #expect(raised.withLock { $0.firstIndex(of: true) } == 0, "the alarm reading was analysed first, not after the 200 queued before it")
        #expect(raised.withLock { $0.filter { $0 }.count } == 1)
    }
}
