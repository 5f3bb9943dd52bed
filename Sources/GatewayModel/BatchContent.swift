/// The plaintext of one sealed batch: the readings of one lane from all devices over a short window.
public struct BatchContent: Sendable, Hashable, Codable {
    public var devices: [DeviceInfo]
    public var measurements: [Measurement]
    public var waveforms: [WaveformChunk]
    public var events: [Event]

    public init(
        devices: [DeviceInfo] = [], measurements: [Measurement] = [],
        waveforms: [WaveformChunk] = [], events: [Event] = []
    ) {
        self.devices = devices
        self.measurements = measurements
        self.waveforms = waveforms
        self.events = events
    }

    public var isEmpty: Bool { measurements.isEmpty && waveforms.isEmpty && events.isEmpty }

    /// Number of readings (measurements, waveform samples, events) in the batch.
    public var readingCount: Int {
        measurements.count + waveforms.reduce(0) { $0 + $1.samples.count } + events.count
    }
}
