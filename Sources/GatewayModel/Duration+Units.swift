extension Duration {
    /// Whole milliseconds, truncated; for timestamps and protocol fields kept in ms.
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number, for display and arithmetic with rates.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
