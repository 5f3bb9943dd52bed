import Foundation
import GatewayModel
import Testing
@testable import Wire

@Suite struct BatchCodecTests {
    @Test func roundTripsEveryField() throws {
        let content = Fixtures.content
        let decoded = try BatchCodec.decode(BatchCodec.encode(content))
        #expect(decoded == content)
        // Hashable equality says -0.0 == 0.0; the sign of a value must survive too.
        #expect(decoded.measurements[5].value?.sign == .minus)
    }

    @Test func roundTripsEmptyAndExtremes() throws {
        #expect(try BatchCodec.decode(BatchCodec.encode(BatchContent())) == BatchContent())
        let channel = ChannelDescriptor(name: "x")
        let extremes = BatchContent(measurements: [
            Measurement(device: "d", channel: channel, timeUnixMs: .min, value: 1),
            Measurement(device: "d", channel: channel, timeUnixMs: .max, value: 2),
            Measurement(device: "d", channel: channel, timeUnixMs: 0, value: -.greatestFiniteMagnitude),
        ])
        #expect(try BatchCodec.decode(BatchCodec.encode(extremes)) == extremes)
    }

    @Test func nanValueStaysNaN() throws {
        let content = BatchContent(measurements: [
            Measurement(device: "d", channel: ChannelDescriptor(name: "x"), timeUnixMs: 5, value: .nan)
        ])
        let value = try #require(try BatchCodec.decode(BatchCodec.encode(content)).measurements.first?.value)
        #expect(value.isNaN)
    }

    @Test func buildsTablesAndOffsets() throws {
        let batch = try Vitalgate_V1_Batch(serializedBytes: BatchCodec.encode(Fixtures.content))
        // The smallest measurement or event time is the base, so every offset is >= 0.
        #expect(batch.baseUnixMs == Fixtures.t0 - 100)
        #expect(batch.measurements.allSatisfy { $0.offsetMs >= 0 })
        #expect(batch.events.allSatisfy { $0.offsetMs >= 0 })
        // Three device records, then the two ids readings name without a record.
        #expect(batch.devices.map(\.id) == ["bed12-spo2", "bed14", "bed15", "unlisted-dev", "other-unlisted"])
        #expect(batch.devices.map(\.referenceOnly) == [false, false, false, true, true])
        // Each distinct channel once, in order of first use.
        #expect(batch.channels.count == 6)
        #expect(batch.channels.map(\.name) == ["spo2", "pulse", "pulse", "", "pleth", "ecg_ii"])
        // Samples go packed (SamplePackingTests covers the coding), not as the older differences.
        #expect(batch.waveforms[0].samples.isEmpty && batch.waveforms[0].sampleCount == 7)
    }

    @Test func rejectsDanglingIndexAndUnknownEnums() {
        var batch = Vitalgate_V1_Batch()
        batch.channels = [Vitalgate_V1_Channel()]
        var measurement = Vitalgate_V1_Measurement()
        measurement.device = 3
        batch.measurements = [measurement]
        #expect(throws: OpenError.malformedBatch("measurement 0 refers to device 3 of 0")) {
            try BatchCodec.decode(try batch.serializedBytes())
        }

        var event = Vitalgate_V1_Event()
        event.kind = .raised
        event.priority = .UNRECOGNIZED(9)
        batch = Vitalgate_V1_Batch()
        batch.devices = [Vitalgate_V1_Device()]
        batch.channels = [Vitalgate_V1_Channel()]
        batch.events = [event]
        #expect(throws: OpenError.malformedBatch("event 0 has unknown priority 9")) {
            try BatchCodec.decode(try batch.serializedBytes())
        }
    }

    @Test func rejectsNonProtobuf() {
        #expect {
            try BatchCodec.decode(Data([0xFF, 0xFF, 0xFF]))
        } throws: { error in
            guard case .malformedBatch? = error as? OpenError else { return false }
            return true
        }
    }
}
