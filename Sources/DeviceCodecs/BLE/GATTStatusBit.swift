import GatewayModel

/// What one bit of a characteristic's status field means for the gateway: the device condition it
/// reports (if the bit is a state worth tracking) and the quality flags it puts on every value.
struct GATTStatusBit: Sendable {
    let bit: Int
    let condition: String?
    let effect: MeasurementStatus

    init(_ bit: Int, _ condition: String?, _ effect: MeasurementStatus = []) {
        self.bit = bit
        self.condition = condition
        self.effect = effect
    }
}
