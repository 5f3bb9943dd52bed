/// Temperature Measurement (0x2A1C): `temp` in Cel or [degF], and `temp-site` (the type code) if sent.
enum TemperatureMeasurement {
    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.temperatureMeasurement.label)
        let flags = try reader.u8("flags")
        var measurement = GATTMeasurement()
        measurement.add("temp", try reader.float("temperature"), unit: flags & 0x01 != 0 ? "[degF]" : "Cel")
        var time: Int64?
        if flags & 0x02 != 0 { time = try reader.dateTime("timestamp") }
        if flags & 0x04 != 0 {
            let type = try reader.u8("temperature type")
            // Reserved codes name no site; passing them on would invite a wrong body site.
            if TemperatureSite(rawValue: type) != nil { measurement.add("temp-site", Double(type), unit: nil) }
        }
        try reader.finish()
        return measurement.batch(timeUnixMs: time, nowUnixMs: nowUnixMs)
    }
}
