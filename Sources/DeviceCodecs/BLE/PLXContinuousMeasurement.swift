/// PLX Continuous Measurement (0x2A5F): `spo2` %, `pr` /min, their `-fast`/`-slow` variants, `pai` %.
enum PLXContinuousMeasurement {
    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.plxContinuousMeasurement.label)
        let flags = try reader.u8("flags")
        var measurement = GATTMeasurement()
        measurement.add("spo2", try reader.sfloat("SpO2 (normal)"), unit: "%")
        measurement.add("pr", try reader.sfloat("pulse rate (normal)"), unit: "/min")
        if flags & 0x01 != 0 {
            measurement.add("spo2-fast", try reader.sfloat("SpO2 (fast)"), unit: "%")
            measurement.add("pr-fast", try reader.sfloat("pulse rate (fast)"), unit: "/min")
        }
        if flags & 0x02 != 0 {
            measurement.add("spo2-slow", try reader.sfloat("SpO2 (slow)"), unit: "%")
            measurement.add("pr-slow", try reader.sfloat("pulse rate (slow)"), unit: "/min")
        }
        if flags & 0x04 != 0 { measurement.apply(UInt32(try reader.u16("measurement status")), PLXStatus.measurementBits) }
        if flags & 0x08 != 0 { measurement.apply(try reader.u24("device and sensor status"), PLXStatus.deviceAndSensorBits) }
        if flags & 0x10 != 0 { measurement.add("pai", try reader.sfloat("pulse amplitude index"), unit: "%") }
        try reader.finish()
        // The continuous characteristic has no timestamp field at all.
        return measurement.batch(timeUnixMs: nil, nowUnixMs: nowUnixMs)
    }
}
