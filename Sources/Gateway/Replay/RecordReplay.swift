import Foundation
import GatewayModel
import WFDB

/// A WFDB record played as a bedside device: its signals become waveform channels of one device
/// (ECG, pleth and pressure recognised from their names) and come out in chunks, as a monitor sends them.
public struct RecordReplay: Sendable {
    public let device: DeviceConfig
    public let profile: DeviceProfile
    public let sampleRate: Double
    public let frameCount: Int
    private let reader: WFDBSignalReader
    private let channelNames: [String]

    /// Opens `recordPath` (the record's path without extension, or its `.hea` file).
    public init(recordPath: String) throws {
        let path = recordPath.hasSuffix(".hea") ? String(recordPath.dropLast(4)) : recordPath
        reader = try WFDBSignalReader(recordPath: path)
        let header = reader.header
        sampleRate = header.samplingFrequency
        frameCount = reader.frameCount
        let id = "replay-\(header.recordName)"
        var channels: [ProfileChannel] = []
        var names: [String] = []
        for (index, spec) in header.signals.enumerated() {
            let name = Self.uniqueName(spec.label.isEmpty ? "signal\(index)" : spec.label, taken: names)
            names.append(name)
            let recognised = SignalRecognition.recognise(spec.label)
            var channel = ProfileChannel(
                descriptor: ChannelDescriptor(name: name, code: recognised?.code ?? ChannelCode(display: spec.label), unit: spec.units),
                source: name, scale: 1 / spec.adcGain, offset: -Double(spec.baseline) / spec.adcGain, alarms: []
            )
            channel.analysis = Self.defaultAnalysis(for: recognised?.signal, units: spec.units)
            channels.append(channel)
        }
        channelNames = names
        profile = DeviceProfile(
            name: "wfdb-\(header.recordName)", description: "WFDB record \(header.recordName) replayed", file: path + ".hea",
            transport: .mqtt, decoder: .senml, serial: nil, lane: .wave, channels: channels
        )
        device = DeviceConfig(info: DeviceInfo(id: id, profile: profile.name, patient: id), topic: nil, port: nil)
    }

    /// The chunks of frames [from, from + count), one per signal, timed from `startUnixNs`.
    public func chunks(frames: Range<Int>, startUnixNs: Int64) throws -> [WaveformChunk] {
        let block = try reader.read(frames: frames)
        return block.signals.enumerated().map { index, signal in
            let perFrame = max(1, signal.spec.samplesPerFrame)
            let periodNs = Int64((1e9 / (sampleRate * Double(perFrame))).rounded())
            let channel = profile.channels[index]
            return WaveformChunk(
                device: device.info.id, channel: channel.descriptor, startUnixNs: startUnixNs + Int64(frames.lowerBound * perFrame) * periodNs,
                periodNs: periodNs, scale: channel.scale, offset: channel.offset, samples: Self.bridgingInvalid(signal.samples)
            )
        }
    }

    /// What a bedside profile would configure for such a channel: beat or pulse detection, and for
    /// an ECG in millivolts the technical checks of the shipped ECG profiles (flat trace, no data).
    static func defaultAnalysis(for signal: ChannelAnalysis.Signal?, units: String) -> ChannelAnalysis {
        var analysis = ChannelAnalysis(signal: signal)
        if signal == .ecg, units.lowercased() == "mv" {
            analysis.flatline = ChannelAnalysis.Flatline(below: 0.02, duration: .seconds(3))
            analysis.noData = .seconds(5)
        }
        return analysis
    }

    /// `count` bedside devices (each its own patient) playing this record, for loads of a whole ward; one bed is
    /// the record's own device. Relabel the chunks for each with `WaveformChunk.device`.
    public func beds(_ count: Int) -> [DeviceConfig] {
        guard count > 1 else { return [device] }
        return (1...count).map { number in
            let id = "\(device.info.id)-bed\(number)"
            return DeviceConfig(info: DeviceInfo(id: id, profile: profile.name, patient: id), topic: nil, port: nil)
        }
    }

    /// Names of the signals, in record order.
    public var signalNames: [String] { channelNames }

    /// WFDB marks a missing sample with a sentinel; a waveform carries the last good value instead.
    private static func bridgingInvalid(_ samples: [Int32]) -> [Int32] {
        guard samples.contains(WFDBSamples.invalid) else { return samples }
        var last: Int32 = 0
        return samples.map { sample in
            if sample != WFDBSamples.invalid { last = sample }
            return last
        }
    }

    private static func uniqueName(_ name: String, taken: [String]) -> String {
        var candidate = name
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(name)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
