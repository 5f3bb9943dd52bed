/// Weight Measurement (0x2A9D): `weight` kg or [lb_av], `bmi` kg/m2, `height` m or [in_i].
enum WeightMeasurement {
    /// The spec's "Measurement Unsuccessful" weight.
    static let unsuccessful: UInt16 = 0xFFFF

    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.weightMeasurement.label)
        let flags = try reader.u8("flags")
        let imperial = flags & 0x01 != 0
        var measurement = GATTMeasurement()
        let weight = try reader.u16("weight")
        // Dividing by the inverse resolution (200, not × 0.005) rounds once, so 14000 is exactly 70 kg.
        let weightValue: (value: Double?, reason: AbsentReason?) =
            weight == unsuccessful ? (nil, .error) : (Double(weight) / (imperial ? 100 : 200), nil)
        measurement.add("weight", weightValue, unit: imperial ? "[lb_av]" : "kg")
        var time: Int64?
        if flags & 0x02 != 0 { time = try reader.dateTime("timestamp") }
        // The scale's user index (0xFF unknown) is the device's business; the gateway maps one patient.
        if flags & 0x04 != 0 { _ = try reader.u8("user id") }
        if flags & 0x08 != 0 {
            measurement.add("bmi", Double(try reader.u16("BMI")) / 10, unit: "kg/m2")
            let height = Double(try reader.u16("height"))
            measurement.add("height", imperial ? height / 10 : height / 1000, unit: imperial ? "[in_i]" : "m")
        }
        try reader.finish()
        return measurement.batch(timeUnixMs: time, nowUnixMs: nowUnixMs)
    }
}
