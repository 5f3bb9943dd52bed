import Detection
import GatewayModel

extension Analyzer {
    /// A waveform chunk: technical checks, then beats or pulses, then the patient's rhythm.
    mutating func observe(_ chunk: WaveformChunk, into output: inout AnalysisOutput) {
        let key = ChannelKey(device: chunk.device, channel: chunk.channel.name)
        output.events += waves.modifyValue(forKey: key) { $0.observe(chunk) } ?? []
        output.snippets += snippets.record(chunk)
        guard let signal = signals[key], let patient = patientOf[chunk.device] else { return }
        if signal == .ecg {
            observeECG(chunk, patient: patient, into: &output)
        } else {
            let times = pulses.modifyValue(forKey: key) { $0.observe(chunk) } ?? []
            if !times.isEmpty {
                patients.modifyValue(forKey: patient) { watch in
                    for time in times { watch.arrhythmia?.observePulse(atUnixMs: time) }
                }
            }
            let watch = pulses[key]
            if let rate = rates.pulseRate(device: chunk.device, channel: key.channel, nowMs: chunk.endUnixMs, rate: { watch?.pulseRate }) {
                output.measurements.append(rate)
            }
        }
    }

    private mutating func observeECG(_ chunk: WaveformChunk, patient: String, into output: inout AnalysisOutput) {
        var fused: [Int64] = []
        ecg.modifyValue(forKey: chunk.device) { $0.observe(chunk, perLead: &output.beats, fused: &fused) }
        rates.record(beats: fused, device: chunk.device)
        if let rate = rates.heartRate(device: chunk.device, nowMs: chunk.endUnixMs) { output.measurements.append(rate) }
        let usable = ecgUsable(chunk.device)
        let quiet = ecg[chunk.device]?.quietThroughUnixMs
        // Without an arrhythmia detector each step below does nothing; reading `patients[patient]?.arrhythmia` first
        // to find out would copy the patient's whole watch for every chunk.
        patients.modifyValue(forKey: patient) { watch in
            watch.arrhythmia?.setECGUsable(usable, atUnixMs: chunk.endUnixMs)
            for time in fused { output.events += watch.arrhythmia?.observeBeat(atUnixMs: time) ?? [] }
            if let quiet { output.events += watch.arrhythmia?.tick(nowUnixMs: quiet) ?? [] }
        }
    }

    /// The end of a recording: beats the detectors still held back (a live stream never ends).
    public mutating func finish() -> AnalysisOutput {
        var output = AnalysisOutput()
        for device in ecg.keys.sorted() { ecg[device]?.finish(perLead: &output.beats, device: device) }
        return output
    }

    /// Usable when the electrodes are on and at least one lead is neither flat nor railed.
    private func ecgUsable(_ device: String) -> Bool {
        guard leadOff[device]?.isLeadOff != true, let leads = ecg[device]?.channels else { return false }
        return leads.contains { waves[ChannelKey(device: device, channel: $0)]?.isUnusable != true }
    }
}
