import GatewayModel

extension WaveformChunk {
    /// Unix ns of sample `index`.
    func sampleUnixNs(_ index: Int) -> Int64 { startUnixNs + Int64(index) * periodNs }

    /// Unix ms of the last sample (the start when the chunk is empty).
    var endUnixMs: Int64 { sampleUnixNs(max(0, samples.count - 1)) / 1_000_000 }

    /// Physical value of a raw sample.
    func physical(_ sample: Int32) -> Double { Double(sample) * scale + offset }
}
