/// PLX Spot-check Measurement (0x2A5E): `spo2` %, `pr` /min, `pai` %, with the device's timestamp.
enum PLXSpotCheckMeasurement {
    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.plxSpotCheckMeasurement.label)
        let flags = try reader.u8("flags")
        var measurement = GATTMeasurement()
        measurement.add("spo2", try reader.sfloat("SpO2"), unit: "%")
        measurement.add("pr", try reader.sfloat("pulse rate"), unit: "/min")
        var time: Int64?
        if flags & 0x01 != 0 { time = try reader.dateTime("timestamp") }
        if flags & 0x02 != 0 { measurement.apply(UInt32(try reader.u16("measurement status")), PLXStatus.measurementBits) }
        if flags & 0x04 != 0 { measurement.apply(try reader.u24("device and sensor status"), PLXStatus.deviceAndSensorBits) }
        if flags & 0x08 != 0 { measurement.add("pai", try reader.sfloat("pulse amplitude index"), unit: "%") }
        let clockNotSet = flags & 0x10 != 0
        measurement.report("device-clock-not-set", active: clockNotSet)
        // An unset clock counts from power-on, so its timestamp would place the reading decades off.
        if clockNotSet { time = nil }
        try reader.finish()
        return measurement.batch(timeUnixMs: time, nowUnixMs: nowUnixMs)
    }
}
