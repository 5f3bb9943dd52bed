import Detection
import GatewayModel

/// Runs each channel's detectors over incoming readings and returns the alarm events they raise.
struct Analyzer: Sendable {
    private var detectors: [String: LimitAlarmDetector] = [:]

    init(devices: [(DeviceConfig, DeviceProfile)]) {
        for (device, profile) in devices {
            for channel in profile.channels where !channel.alarms.isEmpty {
                detectors[Self.key(device.info.id, channel.descriptor.name)] = LimitAlarmDetector(
                    device: device.info.id, channel: channel.descriptor, rules: channel.alarms
                )
            }
        }
    }

    mutating func analyse(_ measurements: [Measurement]) -> [Event] {
        guard !detectors.isEmpty else { return [] }
        var events: [Event] = []
        for measurement in measurements {
            let key = Self.key(measurement.device, measurement.channel.name)
            guard var detector = detectors[key] else { continue }
            events.append(contentsOf: detector.observe(measurement))
            detectors[key] = detector
        }
        return events
    }

    /// This analyzer with the running detectors of `old` wherever a channel's rules are unchanged, so a
    /// reload neither forgets an active alarm nor raises it twice.
    func keepingState(of old: Analyzer) -> Analyzer {
        var merged = self
        for (key, detector) in detectors {
            if let running = old.detectors[key], running.rules == detector.rules { merged.detectors[key] = running }
        }
        return merged
    }

    private static func key(_ device: String, _ channel: String) -> String { device + "\u{1F}" + channel }
}
