import GatewayModel

/// Blood Pressure Measurement (0x2A35): `sys`, `dia`, `map` in mm[Hg] or kPa, `pr` /min.
enum BloodPressureMeasurement {
    /// Measurement Status bits; 3–4 (pulse rate range) are a 2-bit field handled apart.
    static let statusBits: [GATTStatusBit] = [
        // Movement and a bad cuff fit distort the oscillometric reading itself.
        GATTStatusBit(0, "body-movement", .artifact),
        GATTStatusBit(1, "cuff-too-loose", .questionable),
        // Irregular pulse is a finding about the patient, not a flaw of the reading.
        GATTStatusBit(2, "irregular-pulse"),
        GATTStatusBit(5, "improper-position", .questionable),
    ]

    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.bloodPressureMeasurement.label)
        let flags = try reader.u8("flags")
        let unit = flags & 0x01 != 0 ? "kPa" : "mm[Hg]"
        var measurement = GATTMeasurement()
        measurement.add("sys", try reader.sfloat("systolic"), unit: unit)
        measurement.add("dia", try reader.sfloat("diastolic"), unit: unit)
        measurement.add("map", try reader.sfloat("mean arterial pressure"), unit: unit)
        var time: Int64?
        if flags & 0x02 != 0 { time = try reader.dateTime("timestamp") }
        if flags & 0x04 != 0 { measurement.add("pr", try reader.sfloat("pulse rate"), unit: "/min") }
        // Which of the device's users was measured is for the device's own records; the gateway
        // maps a device to one patient, so the id is read past.
        if flags & 0x08 != 0 { _ = try reader.u8("user id") }
        if flags & 0x10 != 0 {
            let status = try reader.u16("measurement status")
            measurement.apply(UInt32(status), statusBits)
            let range = (status >> 3) & 0x03
            measurement.report("pulse-rate-above-range", active: range == 1)
            measurement.report("pulse-rate-below-range", active: range == 2)
        }
        try reader.finish()
        return measurement.batch(timeUnixMs: time, nowUnixMs: nowUnixMs)
    }
}
