import ServiceLifecycle

/// The running pieces a reload reaches into, and how to build sources for a configuration.
struct GatewayParts: Sendable {
    let status: StatusBoard
    /// The main upstream connection, then the alarm-only one if configured.
    let uplinks: [UplinkService]
    let sources: DeviceSources
    let pipeline: PipelineInbox
    let makeSources: @Sendable (GatewayConfig) -> [any Service]
}
