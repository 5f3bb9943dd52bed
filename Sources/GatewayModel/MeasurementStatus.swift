/// Quality and provenance flags of a reading; demonstration/test data must never pass as real.
public struct MeasurementStatus: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let questionable = MeasurementStatus(rawValue: 1 << 0)
    public static let invalid = MeasurementStatus(rawValue: 1 << 1)
    public static let demonstration = MeasurementStatus(rawValue: 1 << 2)
    public static let testing = MeasurementStatus(rawValue: 1 << 3)
    public static let sensorProblem = MeasurementStatus(rawValue: 1 << 4)
    public static let lowPerfusion = MeasurementStatus(rawValue: 1 << 5)
    public static let artifact = MeasurementStatus(rawValue: 1 << 6)
    /// The gateway, not the device, set the timestamp (the device sent none or a relative one).
    public static let gatewayTime = MeasurementStatus(rawValue: 1 << 7)
}
