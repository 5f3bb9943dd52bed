import Detection
import DeviceCodecs
import GatewayModel

/// Turns what a decoder found, named in the device's terms, into coded measurements and waveform
/// chunks as the device's profile says; names the profile does not map are counted, not kept.
struct ChannelMapper: Sendable {
    /// Everything one payload or stream chunk yields for the pipeline.
    struct Mapped: Sendable {
        var measurements: [Measurement] = []
        var waveforms: [WaveformChunk] = []
        var unmapped = 0
        /// Values in a unit the profile's unit cannot be converted from (kept in the device's unit).
        var unitMismatches = 0
        /// A value beyond one of its channel's alarm limits, one the device flags as a sensor problem, or an active
        /// lead-off: the pipeline takes these readings ahead of the queued ones (`PipelineQueue`).
        var mayAlarm = false
    }

    let device: String
    private let channels: [String: ProfileChannel]

    init(device: String, profile: DeviceProfile) {
        self.device = device
        var bySource: [String: ProfileChannel] = [:]
        for channel in profile.channels { bySource[channel.source] = channel }
        channels = bySource
    }

    func map(_ batch: DecodedBatch) -> Mapped {
        var mapped = Mapped()
        // Devices report every status bit on every frame; only lead-off raises an alarm from a condition.
        mapped.mayAlarm = batch.conditions.contains { $0.active && Analyzer.leadOffCodes.contains($0.code) }
        mapped.measurements.reserveCapacity(batch.values.count)
        for value in batch.values {
            guard let channel = channel(for: value.name) else {
                mapped.unmapped += 1
                continue
            }
            var descriptor = channel.descriptor
            var scaled = value.value.map { $0 * channel.scale + channel.offset }
            if let unit = value.unit, let number = scaled {
                if let converted = UnitConversion.convert(number, from: unit, to: descriptor.unit) {
                    scaled = converted
                } else {
                    // Never relabel a number: keep what the device said it measured in.
                    descriptor.unit = UnitConversion.normalized(unit)
                    mapped.unitMismatches += 1
                }
            }
            if let number = scaled, channel.alarms.contains(where: { $0.violates(number) }) { mapped.mayAlarm = true }
            if value.status.contains(.sensorProblem) { mapped.mayAlarm = true }
            mapped.measurements.append(
                Measurement(
                    device: device, channel: descriptor, timeUnixMs: value.timeUnixMs, value: scaled, status: value.status,
                    absentReason: scaled == nil ? (value.absentReason ?? "unknown") : nil
                )
            )
        }
        for wave in batch.waveforms {
            guard let channel = channel(for: wave.name) else {
                mapped.unmapped += 1
                continue
            }
            mapped.waveforms.append(
                WaveformChunk(
                    device: device, channel: channel.descriptor, startUnixNs: wave.startUnixNs, periodNs: wave.periodNs,
                    scale: channel.scale, offset: channel.offset, samples: wave.samples
                )
            )
        }
        return mapped
    }

    /// SenML names are often `<device urn>:hr` or `bed14/hr`: match the whole name, then its last part.
    private func channel(for name: String) -> ProfileChannel? {
        if let channel = channels[name] { return channel }
        guard let separator = name.utf8.lastIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }) else { return nil }
        return channels[String(name[name.utf8.index(after: separator)...])]
    }
}
