/// Converts a calendar date and time read from a device into Unix milliseconds, treating it as UTC.
enum SerialCivilTime {
    /// Returns nil for an impossible date or time (month 13, 31 April, 24:00), so callers fall back to gateway time.
    static func unixMs(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar without Foundation's
        // time-zone machinery, which would be the wrong tool for a device clock of unknown zone anyway.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Int64(days) * 86_400_000 + Int64(hour * 3600 + minute * 60 + second) * 1000
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
