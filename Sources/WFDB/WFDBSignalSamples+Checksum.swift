extension WFDBSignalSamples {
    /// The WFDB checksum (16-bit wrapping sum) of these samples, as a header records it for the whole signal.
    /// Missing samples count as the format's stored invalid value, as they sit in the file.
    public var checksum: Int16 {
        let invalidStored = WFDBSampleFormat(rawValue: spec.format)?.invalidStoredValue ?? 0
        var sum: Int16 = 0
        for sample in samples {
            sum &+= Int16(truncatingIfNeeded: sample == WFDBSamples.invalid ? invalidStored : sample)
        }
        return sum
    }
}
