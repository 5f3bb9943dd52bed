extension Analyzer {
    /// This analyzer with the running state of `old` wherever a device's configuration is unchanged,
    /// so a reload neither forgets an active alarm nor raises it twice.
    func keepingState(of old: Analyzer) -> Analyzer {
        var merged = self
        for (key, watch) in numeric where old.numeric[key]?.signature == watch.signature {
            merged.numeric[key] = old.numeric[key]
        }
        for (key, watch) in waves where old.waves[key]?.signature == watch.signature {
            merged.waves[key] = old.waves[key]
            if let pulse = old.pulses[key], merged.pulses[key] != nil { merged.pulses[key] = pulse }
        }
        for (device, watch) in ecg where old.ecg[device]?.channels == watch.channels { merged.ecg[device] = old.ecg[device] }
        for (device, _) in leadOff where old.leadOff[device] != nil { merged.leadOff[device] = old.leadOff[device] }
        for (patient, _) in patients where old.patients[patient] != nil { merged.patients[patient] = old.patients[patient] }
        merged.snippets = old.snippets
        return merged
    }
}
