import GatewayModel

/// Glucose Measurement (0x2A18): `glucose` in mg/dL or mmol/L, `sequence`, `sample-type`, `sample-location`.
enum GlucoseMeasurement {
    /// Sensor Status Annunciation (u16).
    static let annunciationBits: [GATTStatusBit] = [
        GATTStatusBit(0, "low-battery"),
        GATTStatusBit(1, "defective-sensor", .sensorProblem),
        GATTStatusBit(2, "sample-size-insufficient", .questionable),
        GATTStatusBit(3, "strip-insertion-error", .questionable),
        GATTStatusBit(4, "strip-type-incorrect", .questionable),
        // Out of the meter's range: the number sent is a clamp, not the patient's value.
        GATTStatusBit(5, "result-above-range", .questionable),
        GATTStatusBit(6, "result-below-range", .questionable),
        GATTStatusBit(7, "sensor-temperature-too-high", .questionable),
        GATTStatusBit(8, "sensor-temperature-too-low", .questionable),
        GATTStatusBit(9, "strip-pulled-too-soon", .questionable),
        GATTStatusBit(10, "device-fault", .sensorProblem),
        GATTStatusBit(11, "time-fault", .questionable),
    ]

    static let controlSolutionType: UInt8 = 10
    static let controlSolutionLocation: UInt8 = 4

    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.glucoseMeasurement.label)
        let flags = try reader.u8("flags")
        var measurement = GATTMeasurement()
        // Meters resend stored records; the sequence number lets a consumer drop duplicates.
        measurement.add("sequence", Double(try reader.u16("sequence number")), unit: nil)
        let baseTime = try reader.dateTime("base time")
        var offsetMinutes: Int64 = 0
        if flags & 0x01 != 0 { offsetMinutes = Int64(try reader.s16("time offset")) }
        if flags & 0x02 != 0 {
            // kg/L × 10⁵ = mg/dL and mol/L × 10³ = mmol/L: shifting the exponent keeps 95 exact.
            let molar = flags & 0x04 != 0
            let concentration = try reader.sfloat("glucose concentration", exponentShift: molar ? 3 : 5)
            measurement.add("glucose", concentration, unit: molar ? "mmol/L" : "mg/dL")
            let typeAndLocation = try reader.u8("type and sample location")
            let type = typeAndLocation & 0x0F
            let location = typeAndLocation >> 4
            if (1...10).contains(type) { measurement.add("sample-type", Double(type), unit: nil) }
            if (1...4).contains(location) { measurement.add("sample-location", Double(location), unit: nil) }
            // A control-solution check is a meter test, never the patient's glucose.
            if type == controlSolutionType || location == controlSolutionLocation { measurement.status.insert(.testing) }
        }
        if flags & 0x08 != 0 { measurement.apply(UInt32(try reader.u16("sensor status annunciation")), annunciationBits) }
        try reader.finish()
        return measurement.batch(timeUnixMs: baseTime.map { $0 + offsetMinutes * 60_000 }, nowUnixMs: nowUnixMs)
    }
}
