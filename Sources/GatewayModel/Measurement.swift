/// One numeric reading of one channel at one instant; `value == nil` means "no value" with a reason.
public struct Measurement: Sendable, Hashable, Codable {
    public var device: String
    public var channel: ChannelDescriptor
    public var timeUnixMs: Int64
    public var value: Double?
    public var status: MeasurementStatus
    /// Why there is no value (FHIR dataAbsentReason code such as `not-a-number`, `error`).
    public var absentReason: String?

    public init(
        device: String, channel: ChannelDescriptor, timeUnixMs: Int64, value: Double?,
        status: MeasurementStatus = [], absentReason: String? = nil
    ) {
        self.device = device
        self.channel = channel
        self.timeUnixMs = timeUnixMs
        self.value = value
        self.status = status
        self.absentReason = absentReason
    }
}
