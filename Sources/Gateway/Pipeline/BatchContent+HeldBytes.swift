import GatewayModel

extension BatchContent {
    /// At least the memory the batch's readings take before sealing (their arrays' storage; a sealed payload takes
    /// a fraction of it), so the hand-over's bound is a bound on memory whichever form a batch waits in.
    var heldBytes: Int {
        measurements.capacity * MemoryLayout<Measurement>.stride + events.capacity * MemoryLayout<Event>.stride
            + waveforms.capacity * MemoryLayout<WaveformChunk>.stride
            + waveforms.reduce(0) { $0 + $1.samples.capacity * MemoryLayout<Int32>.stride }
    }
}
