import Detection
import GatewayModel

/// The technical detectors on one waveform channel: flat trace, clipping, missing data.
struct WaveformWatch: Sendable {
    let signature: String
    private var flatline: FlatlineDetector?
    private var clipping: ClippingDetector?
    private var noData: NoDataDetector?

    init(device: String, channel: ProfileChannel) {
        signature = "\(channel)"
        let descriptor = channel.descriptor
        let analysis = channel.analysis
        flatline = analysis.flatline.map {
            FlatlineDetector(device: device, channel: descriptor, window: $0.duration, minimumPeakToPeak: $0.below)
        }
        clipping = analysis.clipping.map { ClippingDetector(device: device, channel: descriptor, lowerRail: $0.low, upperRail: $0.high) }
        noData = analysis.noData.map { NoDataDetector(device: device, channel: descriptor, timeout: $0) }
    }

    /// A flat trace or one stuck at a rail carries no rhythm: the ECG is not usable for asystole then.
    var isUnusable: Bool { (flatline?.isActive ?? false) || (clipping?.isActive ?? false) }

    mutating func observe(_ chunk: WaveformChunk) -> [Event] {
        var events: [Event] = []
        if let found = flatline?.observe(chunk) { events += found }
        if let found = clipping?.observe(chunk) { events += found }
        if let found = noData?.observe(chunk) { events += found }
        return events
    }

    mutating func tick(nowUnixMs: Int64) -> [Event] {
        noData?.tick(nowUnixMs: nowUnixMs) ?? []
    }
}
