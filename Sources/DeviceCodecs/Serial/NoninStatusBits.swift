import GatewayModel

/// The STATUS bits of Nonin serial formats as device conditions and as what they say about the values.
enum NoninStatusBits {
    struct Bit: Sendable {
        let code: String
        let status: MeasurementStatus
        let isSet: @Sendable (UInt8) -> Bool
    }

    /// Formats #2 and #7. Bits 2–1 carry the perfusion colour: 01 green, 10 red, 11 yellow (the
    /// spec's "green/red/yellow" read as values 1, 2, 3, as Nonin's OEM documents define GPRF, RPRF,
    /// and YPRF = both); green is good, so it is no condition.
    static let packetStatus: [Bit] = [
        Bit(code: "sensor-disconnected", status: .sensorProblem) { $0 & 0x40 != 0 },
        Bit(code: "artifact", status: .artifact) { $0 & 0x20 != 0 },
        Bit(code: "out-of-track", status: .questionable) { $0 & 0x10 != 0 },
        Bit(code: "sensor-alarm", status: .sensorProblem) { $0 & 0x08 != 0 },
        Bit(code: "low-perfusion", status: .lowPerfusion) { $0 & 0x06 == 0x04 },
        Bit(code: "marginal-perfusion", status: []) { $0 & 0x06 == 0x06 },
    ]

    /// Format #8 status1, which has its own bit layout.
    static let format8Status: [Bit] = [
        Bit(code: "sensor-disconnected", status: .sensorProblem) { $0 & 0x40 != 0 },
        Bit(code: "out-of-track", status: .questionable) { $0 & 0x20 != 0 },
        Bit(code: "low-perfusion", status: .lowPerfusion) { $0 & 0x10 != 0 },
        Bit(code: "marginal-perfusion", status: []) { $0 & 0x08 != 0 },
        Bit(code: "artifact", status: .artifact) { $0 & 0x04 != 0 },
    ]

    /// Every bit of `table`, set or not, so the consumer sees both the raise and the clear.
    static func report(
        _ table: [Bit], isSet: (Bit) -> Bool, timeUnixMs: Int64, into conditions: inout [DeviceCondition]
    ) -> MeasurementStatus {
        var status: MeasurementStatus = []
        for bit in table {
            let active = isSet(bit)
            conditions.append(DeviceCondition(code: bit.code, active: active, timeUnixMs: timeUnixMs))
            if active { status.formUnion(bit.status) }
        }
        return status
    }

    /// Nonin sends 127 for "no SpO2"; other values above 100 are impossible and come from a faulty device.
    static func spo2(_ byte: UInt8) -> (value: Double?, status: MeasurementStatus) {
        switch byte {
        case 0...100: (Double(byte), [])
        case 127: (nil, [])
        default: (nil, .invalid)
        }
    }

    /// HR = ((MSB & 0x03) << 7) | (LSB & 0x7F); 511 means "no pulse rate".
    static func heartRate(msb: UInt8, lsb: UInt8) -> Double? {
        let rate = (Int(msb & 0x03) << 7) | Int(lsb & 0x7F)
        return rate == 511 ? nil : Double(rate)
    }
}
