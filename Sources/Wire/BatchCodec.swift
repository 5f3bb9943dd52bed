import Foundation
import GatewayModel
import SwiftProtobuf

/// Converts a `BatchContent` to and from a serialized protobuf `Batch` (the plaintext that is sealed).
///
/// `decode(encode(c)) == c` for every `BatchContent`. The wire form is compact: device and channel
/// strings go once into tables that readings refer to by index, measurement and event times are
/// offsets from the batch's smallest time, and waveform samples are packed (`SamplePacking`).
public enum BatchCodec {
    public static func encode(_ content: BatchContent) -> Data {
        var batch = Vitalgate_V1_Batch()
        batch.baseUnixMs = baseUnixMs(of: content)
        var devices = DeviceTable(content.devices)
        var channels = IndexTable<ChannelDescriptor>()

        batch.measurements = content.measurements.map { measurement in
            var message = Vitalgate_V1_Measurement()
            message.device = devices.index(of: measurement.device)
            message.channel = channels.index(of: measurement.channel)
            // Wrapping arithmetic: exact for any pair of Int64 times, decoded with the same wrap.
            message.offsetMs = measurement.timeUnixMs &- batch.baseUnixMs
            if let value = measurement.value { message.value = value }
            message.status = measurement.status.rawValue
            if let reason = measurement.absentReason { message.absentReason = reason }
            return message
        }
        batch.waveforms = content.waveforms.map { chunk in
            var message = Vitalgate_V1_WaveformChunk()
            message.device = devices.index(of: chunk.device)
            message.channel = channels.index(of: chunk.channel)
            message.startUnixNs = chunk.startUnixNs
            message.periodNs = chunk.periodNs
            message.scale = chunk.scale
            message.offset = chunk.offset
            message.setPackedSamples(chunk.samples)
            return message
        }
        batch.events = content.events.map { event in
            var message = Vitalgate_V1_Event()
            message.id = event.id
            message.kind = .init(event.kind)
            message.device = devices.index(of: event.device)
            message.channel = channels.index(of: event.channel)
            message.rule = event.rule
            message.priority = .init(event.priority)
            message.offsetMs = event.timeUnixMs &- batch.baseUnixMs
            if let value = event.value { message.value = value }
            if let onset = event.onsetUnixMs { message.onsetOffsetMs = onset &- batch.baseUnixMs }
            message.message = event.message
            return message
        }
        batch.devices = devices.entries
        batch.channels = channels.values.map(Vitalgate_V1_Channel.init)

        do {
            return try batch.serializedBytes()
        } catch {
            // Serializing a proto3 message fails only past protobuf's 2 GiB message limit; a batch
            // holds one lane's readings for a latency window of seconds, so that is a bug upstream.
            preconditionFailure("cannot serialize a batch: \(error)")
        }
    }

    /// Parses a serialized `Batch`; throws `OpenError.malformedBatch` when it is not one or when a
    /// reading refers to a table entry that is not there.
    public static func decode(_ data: Data) throws(OpenError) -> BatchContent {
        let batch: Vitalgate_V1_Batch
        do {
            batch = try Vitalgate_V1_Batch(serializedBytes: data)
        } catch {
            throw .malformedBatch("not a protobuf Batch (\(error))")
        }
        let deviceIDs = batch.devices.map(\.id)
        let channels = batch.channels.map(\.model)
        let base = batch.baseUnixMs

        func device(_ index: UInt32, of what: String) throws(OpenError) -> String {
            guard Int(index) < deviceIDs.count else {
                throw .malformedBatch("\(what) refers to device \(index) of \(deviceIDs.count)")
            }
            return deviceIDs[Int(index)]
        }
        func channel(_ index: UInt32, of what: String) throws(OpenError) -> ChannelDescriptor {
            guard Int(index) < channels.count else {
                throw .malformedBatch("\(what) refers to channel \(index) of \(channels.count)")
            }
            return channels[Int(index)]
        }

        var content = BatchContent()
        content.devices = batch.devices.filter { !$0.referenceOnly }.map(\.model)
        for (i, message) in batch.measurements.enumerated() {
            let what = "measurement \(i)"
            content.measurements.append(
                Measurement(
                    device: try device(message.device, of: what),
                    channel: try channel(message.channel, of: what),
                    timeUnixMs: base &+ message.offsetMs,
                    value: message.hasValue ? message.value : nil,
                    status: MeasurementStatus(rawValue: message.status),
                    absentReason: message.hasAbsentReason ? message.absentReason : nil))
        }
        for (i, message) in batch.waveforms.enumerated() {
            let what = "waveform \(i)"
            content.waveforms.append(
                WaveformChunk(
                    device: try device(message.device, of: what),
                    channel: try channel(message.channel, of: what),
                    startUnixNs: message.startUnixNs,
                    periodNs: message.periodNs,
                    scale: message.scale,
                    offset: message.offset,
                    samples: try message.decodedSamples(of: what)))
        }
        for (i, message) in batch.events.enumerated() {
            let what = "event \(i)"
            guard let kind = message.kind.model else {
                throw .malformedBatch("\(what) has unknown kind \(message.kind.rawValue)")
            }
            guard let priority = message.priority.model else {
                throw .malformedBatch("\(what) has unknown priority \(message.priority.rawValue)")
            }
            content.events.append(
                Event(
                    id: message.id,
                    kind: kind,
                    device: try device(message.device, of: what),
                    channel: try channel(message.channel, of: what),
                    rule: message.rule,
                    priority: priority,
                    timeUnixMs: base &+ message.offsetMs,
                    onsetUnixMs: message.hasOnsetOffsetMs ? base &+ message.onsetOffsetMs : nil,
                    value: message.hasValue ? message.value : nil,
                    message: message.message))
        }
        return content
    }

    /// The smallest measurement or event time, so that offsets are small and non-negative; 0 when
    /// there is none (waveforms carry absolute nanosecond start times of their own).
    static func baseUnixMs(of content: BatchContent) -> Int64 {
        let earliest = [content.measurements.lazy.map(\.timeUnixMs).min(), content.events.lazy.map(\.timeUnixMs).min()]
        return earliest.compactMap { $0 }.min() ?? 0
    }
}
