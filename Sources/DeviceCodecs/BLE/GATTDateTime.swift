/// The GATT Date Time field: device-local time without a zone, which the gateway takes as UTC
/// because the characteristic carries no offset and bedside devices are normally set to UTC or
/// synchronised by the gateway's own Current Time Service.
enum GATTDateTime {
    /// Unix ms, or nil when the year, month or day is 0, which the spec defines as "not known".
    static func unixMs(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Result<Int64?, DecodeError> {
        if year == 0 || month == 0 || day == 0 { return .success(nil) }
        guard (1582...9999).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else {
            return .failure(DecodeError("no such time \(year)-\(month)-\(day) \(hour):\(minute):\(second)"))
        }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return .success(seconds * 1000)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Proleptic Gregorian days from 1970-01-01 (H. Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }
}
