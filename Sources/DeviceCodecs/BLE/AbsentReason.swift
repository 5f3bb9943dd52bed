/// Why an IEEE 11073 number carries no value, as a FHIR `dataAbsentReason` code.
public enum AbsentReason: String, Sendable, Hashable, CaseIterable {
    /// SFLOAT/FLOAT NaN: the device had no valid value.
    case notANumber = "not-a-number"
    /// NRes (not at this resolution): the value exists but cannot be expressed, so it is an error.
    case error = "error"
    case positiveInfinity = "positive-infinity"
    case negativeInfinity = "negative-infinity"
    /// The mantissa pattern the standard reserves for future use.
    case unsupported = "unsupported"
}
