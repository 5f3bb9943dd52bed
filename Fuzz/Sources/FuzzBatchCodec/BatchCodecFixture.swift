import Foundation
import GatewayModel
import Wire

/// A batch with every kind of content, encoded by the current codec, as the starting seed.
enum BatchCodecFixture {
    static let encoded: Data = {
        let pulse = ChannelDescriptor(name: "pulse", code: ChannelCode(mdc: 149_530), unit: "/min")
        let pleth = ChannelDescriptor(name: "pleth")
        let t0: Int64 = 1_764_300_000_000
        let content = BatchContent(
            devices: [DeviceInfo(id: "bed14", profile: "senml-vitals"), DeviceInfo(id: "bed15", profile: "", patient: "", bed: nil)],
            measurements: [
                Measurement(device: "bed14", channel: pulse, timeUnixMs: t0, value: 72.5, status: [.questionable]),
                Measurement(device: "bed15", channel: pulse, timeUnixMs: t0 - 5, value: .infinity),
            ],
            waveforms: [
                WaveformChunk(device: "bed14", channel: pleth, startUnixNs: t0 * 1_000_000, periodNs: 8_000_000,
                              scale: 1, offset: 0, samples: [100, 101, 103, 99, 0, -5, 2_000, Int32.max, Int32.min]),
                WaveformChunk(device: "bed15", channel: pleth, startUnixNs: -1, periodNs: 0, samples: []),
            ],
            events: [
                Event(id: "a2", kind: .raised, device: "bed14", channel: pulse, rule: "hr-high", priority: .medium,
                      timeUnixMs: t0 - 100, value: 151, message: "HR 151"),
            ])
        return BatchCodec.encode(content)
    }()
}
