/// Heart Rate Measurement (0x2A37): `hr` /min, `energy-expended` kJ, one `rr-interval` ms per RR.
enum HeartRateMeasurement {
    static func decode(_ bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        var reader = GATTReader(bytes, context: GATTCharacteristic.heartRateMeasurement.label)
        let flags = try reader.u8("flags")
        var measurement = GATTMeasurement()
        let rate = flags & 0x01 != 0 ? Double(try reader.u16("heart rate (u16)")) : Double(try reader.u8("heart rate (u8)"))
        measurement.add("hr", rate, unit: "/min")
        switch (flags >> 1) & 0x03 {
        case 2:
            // A rate counted without skin contact is most likely noise, not a heartbeat.
            measurement.report("sensor-contact-lost", active: true)
            measurement.status.insert(.questionable)
        case 3:
            measurement.report("sensor-contact-lost", active: false)
        default:
            break  // the sensor cannot tell, so there is no state to report
        }
        if flags & 0x08 != 0 {
            measurement.add("energy-expended", Double(try reader.u16("energy expended")), unit: "kJ")
        }
        if flags & 0x10 != 0 {
            guard reader.remaining > 0 else { throw reader.error("flags 0x\(hex(flags)) promise RR intervals, but none follow") }
            guard reader.remaining % 2 == 0 else {
                throw reader.error("RR intervals are 2 bytes each, but \(reader.remaining) bytes remain")
            }
            var intervals: [UInt16] = []
            intervals.reserveCapacity(reader.remaining / 2)
            while reader.remaining > 0 { intervals.append(try reader.u16("RR interval")) }
            // The notification carries no time; the last interval ended about when it was sent,
            // so each earlier one is stamped at its own end: beat times stay in order.
            var laterTicks: Int64 = 0
            var stamped: [(ms: Double, offsetMs: Int64)] = []
            stamped.reserveCapacity(intervals.count)
            for ticks in intervals.reversed() {
                stamped.append((Double(ticks) * 1000 / 1024, -((laterTicks * 1000 + 512) / 1024)))
                laterTicks += Int64(ticks)
            }
            for interval in stamped.reversed() {
                measurement.add("rr-interval", interval.ms, unit: "ms", offsetMs: interval.offsetMs)
            }
        }
        try reader.finish()
        return measurement.batch(timeUnixMs: nil, nowUnixMs: nowUnixMs)
    }

    private static func hex(_ byte: UInt8) -> String {
        (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
