/// Where a body temperature was taken: the Temperature Type codes of 0x2A1C, as `temp-site` carries them.
public enum TemperatureSite: UInt8, Sendable, Hashable, CaseIterable {
    case armpit = 1
    case body = 2
    case ear = 3
    case finger = 4
    case gastrointestinalTract = 5
    case mouth = 6
    case rectum = 7
    case toe = 8
    case tympanum = 9
}
