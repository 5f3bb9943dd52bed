import GatewayModel

/// A value as a device sent it, named in the device's own terms, before the profile maps it to a channel.
public struct DecodedValue: Sendable, Equatable {
    /// The device's name for the value (SenML resolved name, JSON path, …).
    public var name: String
    public var timeUnixMs: Int64
    public var value: Double?
    /// The unit the device declared, if any.
    public var unit: String?
    public var status: MeasurementStatus
    /// Why `value` is nil, as a FHIR data-absent-reason code (`not-a-number`, `error`, `unknown`, …).
    public var absentReason: String?

    public init(
        name: String, timeUnixMs: Int64, value: Double?, unit: String? = nil, status: MeasurementStatus = [],
        absentReason: String? = nil
    ) {
        self.name = name
        self.timeUnixMs = timeUnixMs
        self.value = value
        self.unit = unit
        self.status = status
        self.absentReason = absentReason
    }
}
