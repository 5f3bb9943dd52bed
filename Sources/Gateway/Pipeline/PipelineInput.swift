import GatewayModel

/// What sources hand to the pipeline: decoded readings of one device, or a clock tick.
enum PipelineInput: Sendable {
    case readings(device: DeviceInfo, lane: Lane, measurements: [Measurement])
    case tick
}
