/// A technical condition the device reports about itself (sensor off, low perfusion, low battery).
public struct DeviceCondition: Sendable, Equatable, Hashable {
    /// A stable kebab-case code: `sensor-off`, `no-sensor`, `defective-sensor`, `low-perfusion`,
    /// `pulse-search`, `interference`, `ambient-light`, `unrecognized-sensor`, `low-signal-iq`,
    /// `sensor-disconnected`, `artifact`, `out-of-track`, `low-battery`, `alarm-silenced`, …
    public var code: String
    public var active: Bool
    public var timeUnixMs: Int64

    public init(code: String, active: Bool, timeUnixMs: Int64) {
        self.code = code
        self.active = active
        self.timeUnixMs = timeUnixMs
    }
}
