import DeviceCodecs

/// Cheap checks on whatever a decoder returned. A violation traps (`fatalError` keeps its message in
/// release builds), which libFuzzer reports as a crash with the input that caused it.
public enum Invariants {
    /// A value is a finite number or absent: NaN or infinity must never reach a channel as a reading.
    public static func check(_ values: [DecodedValue], _ what: String) {
        for value in values {
            if let number = value.value, !number.isFinite {
                fatalError("\(what): value '\(value.name)' is \(number), expected a finite number or nil")
            }
        }
    }

    public static func check(_ batch: DecodedBatch, _ what: String) {
        check(batch.values, what)
        for waveform in batch.waveforms {
            if waveform.periodNs <= 0 { fatalError("\(what): waveform '\(waveform.name)' has period \(waveform.periodNs) ns") }
            if waveform.samples.isEmpty { fatalError("\(what): waveform '\(waveform.name)' has no samples") }
        }
        if batch.lostFrames < 0 { fatalError("\(what): \(batch.lostFrames) lost frames") }
    }
}
