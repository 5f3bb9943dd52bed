import GatewayModel

/// Channels, readings and constructed waveforms shared by the detector tests.
enum Fixtures {
    static let spo2 = ChannelDescriptor(name: "spo2", code: ChannelCode(mdc: 150456, loinc: "59408-5", display: "SpO2"), unit: "%")
    static let ecg = ChannelDescriptor(name: "ecg-ii", code: ChannelCode(mdc: 131330, display: "ECG II"), unit: "mV")
    static let respiration = ChannelDescriptor(name: "rr", code: ChannelCode(mdc: 151562, loinc: "9279-1"), unit: "/min")
    static let systolic = ChannelDescriptor(name: "nibp-sys", code: ChannelCode(mdc: 150021, loinc: "8480-6"), unit: "mm[Hg]")
    static let heartRate = ChannelDescriptor(name: "hr", code: ChannelCode(mdc: 147842, loinc: "8867-4"), unit: "/min")
    static let temperature = ChannelDescriptor(name: "temp", code: ChannelCode(mdc: 150364, loinc: "8310-5"), unit: "Cel")

    static func reading(
        _ value: Double?, atMs timeMs: Int64, channel: ChannelDescriptor = spo2, status: MeasurementStatus = []
    ) -> Measurement {
        Measurement(device: "bed1", channel: channel, timeUnixMs: timeMs, value: value, status: status)
    }

    /// A 250 Hz ECG-like chunk starting at `startMs`; `sample(i)` gives the raw value of sample i.
    static func chunk(startMs: Int64, count: Int, rateHz: Int64 = 250, scale: Double = 0.005, _ sample: (Int) -> Int32) -> WaveformChunk {
        WaveformChunk(
            device: "bed1", channel: ecg, startUnixNs: startMs * 1_000_000, periodNs: 1_000_000_000 / rateHz,
            scale: scale, samples: (0..<count).map(sample)
        )
    }

    /// Consecutive 200 ms chunks (50 samples at 250 Hz) covering `[fromMs, toMs)` where `sample(t)` gives
    /// the raw value at time t in ms.
    static func chunks(fromMs: Int64, toMs: Int64, _ sample: @escaping (Int64) -> Int32) -> [WaveformChunk] {
        stride(from: fromMs, to: toMs, by: 200).map { start in
            chunk(startMs: start, count: 50) { sample(start + Int64($0) * 4) }
        }
    }

    /// A wavy signal (±100 raw units, 0.5 mV peak to peak at the default scale).
    static func wavy(_ timeMs: Int64) -> Int32 { Int32(timeMs % 400 < 200 ? 100 : -100) }
}
