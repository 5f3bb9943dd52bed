import GatewayModel

/// The bits of a Masimo line's EXC and ALARM hex fields that the gateway reports as device conditions.
enum MasimoStatusBits {
    struct Bit: Sendable {
        let mask: UInt32
        let code: String
        /// What the bit says about the line's values; empty for bits about the device, not the reading.
        let status: MeasurementStatus
    }

    /// EXC 0x100 and 0x200 are reserved and 0x800 marks Masimo SET mode during normal operation,
    /// so those bits are not conditions.
    static let exceptions: [Bit] = [
        Bit(mask: 0x1, code: "no-sensor", status: .sensorProblem),
        Bit(mask: 0x2, code: "defective-sensor", status: .sensorProblem),
        Bit(mask: 0x4, code: "low-perfusion", status: .lowPerfusion),
        Bit(mask: 0x8, code: "pulse-search", status: .questionable),
        Bit(mask: 0x10, code: "interference", status: .artifact),
        Bit(mask: 0x20, code: "sensor-off", status: .sensorProblem),
        Bit(mask: 0x40, code: "ambient-light", status: .artifact),
        Bit(mask: 0x80, code: "unrecognized-sensor", status: .sensorProblem),
        Bit(mask: 0x400, code: "low-signal-iq", status: .questionable),
    ]

    /// The limit-alarm bits (SpO2/PR high/low, desaturation) are left out: the gateway's own limit
    /// detection raises those from the values, with the hospital's limits rather than the device's.
    static let alarms: [Bit] = [
        Bit(mask: 0x10, code: "device-alarm-active", status: []),
        Bit(mask: 0x20, code: "alarm-silenced", status: []),
        Bit(mask: 0x40, code: "low-battery", status: []),
    ]
}
