/// A Bluetooth SIG health characteristic the gateway decodes, by its 16-bit UUID.
public enum GATTCharacteristic: UInt16, Sendable, Hashable, CaseIterable {
    case glucoseMeasurement = 0x2A18
    case temperatureMeasurement = 0x2A1C
    case bloodPressureMeasurement = 0x2A35
    case heartRateMeasurement = 0x2A37
    case plxSpotCheckMeasurement = 0x2A5E
    case plxContinuousMeasurement = 0x2A5F
    case weightMeasurement = 0x2A9D

    /// The name the Bluetooth SIG assigned numbers list gives it.
    public var name: String {
        switch self {
        case .glucoseMeasurement: "Glucose Measurement"
        case .temperatureMeasurement: "Temperature Measurement"
        case .bloodPressureMeasurement: "Blood Pressure Measurement"
        case .heartRateMeasurement: "Heart Rate Measurement"
        case .plxSpotCheckMeasurement: "PLX Spot-check Measurement"
        case .plxContinuousMeasurement: "PLX Continuous Measurement"
        case .weightMeasurement: "Weight Measurement"
        }
    }

    /// How errors name the characteristic: `0x2A37 Heart Rate Measurement`.
    var label: String { "\(GATTCharacteristic.hex(rawValue)) \(name)" }

    static func hex(_ uuid: UInt16) -> String {
        let digits = String(uuid, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
