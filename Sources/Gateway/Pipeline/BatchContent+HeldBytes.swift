import GatewayModel

extension BatchContent {
    /// About the memory the batch's readings take before sealing (their arrays' storage; a sealed payload takes a
    /// fraction of it), so the hand-over's bound is a bound on memory whichever form a batch waits in.
    var heldBytes: Int {
        measurements.count * MemoryLayout<Measurement>.stride + events.count * MemoryLayout<Event>.stride
            + waveforms.reduce(0) { $0 + MemoryLayout<WaveformChunk>.stride + $1.samples.count * MemoryLayout<Int32>.stride }
    }
}
