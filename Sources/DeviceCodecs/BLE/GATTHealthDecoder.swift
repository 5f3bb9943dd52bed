/// Decodes the value of a Bluetooth SIG health characteristic, as one GATT notification or
/// indication delivers it, into named values, device conditions and quality flags.
public enum GATTHealthDecoder {
    /// The 16-bit UUIDs `decode` understands.
    public static let supportedUUIDs: [UInt16] = GATTCharacteristic.allCases.map(\.rawValue)

    /// Throws for an unknown UUID and for any payload its own flags contradict (a promised field
    /// missing, bytes left over); characteristic times are device-local and taken as UTC, and a
    /// value without one is stamped `nowUnixMs` with `.gatewayTime`.
    public static func decode(uuid: UInt16, bytes: [UInt8], nowUnixMs: Int64) throws(DecodeError) -> DecodedBatch {
        guard let characteristic = GATTCharacteristic(rawValue: uuid) else {
            throw DecodeError("characteristic \(GATTCharacteristic.hex(uuid)) is not a supported health measurement")
        }
        switch characteristic {
        case .heartRateMeasurement: return try HeartRateMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .bloodPressureMeasurement: return try BloodPressureMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .temperatureMeasurement: return try TemperatureMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .plxContinuousMeasurement: return try PLXContinuousMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .plxSpotCheckMeasurement: return try PLXSpotCheckMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .glucoseMeasurement: return try GlucoseMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        case .weightMeasurement: return try WeightMeasurement.decode(bytes, nowUnixMs: nowUnixMs)
        }
    }
}
