import ServiceLifecycle

/// The running pieces a reload reaches into, and how to build sources for a configuration.
struct GatewayParts: Sendable {
    let status: StatusBoard
    let uplink: UplinkService
    let sources: DeviceSources
    let pipeline: PipelineInbox
    let makeSources: @Sendable (GatewayConfig) -> [any Service]
}
