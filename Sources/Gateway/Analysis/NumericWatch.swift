import Detection
import GatewayModel

/// The detectors on one numeric channel: limits, a slow trend, the device's status bits, missing data.
struct NumericWatch: Sendable {
    /// The configuration the detectors were built from; a reload keeps the watch when it is unchanged.
    let signature: String
    private var limits: LimitAlarmDetector?
    private var trend: TrendDetector?
    private var status: SensorStatusDetector
    private var noData: NoDataDetector?

    init(device: String, channel: ProfileChannel) {
        signature = "\(channel)"
        let descriptor = channel.descriptor
        limits = channel.alarms.isEmpty ? nil : LimitAlarmDetector(device: device, channel: descriptor, rules: channel.alarms)
        trend = channel.analysis.trend.map { TrendDetector(device: device, channel: descriptor, rule: $0) }
        status = SensorStatusDetector(device: device, channel: descriptor)
        noData = channel.analysis.noData.map { NoDataDetector(device: device, channel: descriptor, timeout: $0) }
    }

    mutating func observe(_ measurement: Measurement) -> [Event] {
        var events = status.observe(measurement)
        if let found = limits?.observe(measurement) { events += found }
        if let found = trend?.observe(measurement) { events += found }
        if let found = noData?.observe(atUnixMs: measurement.timeUnixMs) { events += found }
        return events
    }

    mutating func tick(nowUnixMs: Int64) -> [Event] {
        noData?.tick(nowUnixMs: nowUnixMs) ?? []
    }
}
