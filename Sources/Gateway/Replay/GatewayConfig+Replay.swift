extension GatewayConfig {
    /// This configuration with a replayed record as one more device.
    public func adding(_ replay: RecordReplay) -> GatewayConfig {
        var config = self
        config.devices.removeAll { $0.info.id == replay.device.info.id }
        config.devices.append(replay.device)
        config.profiles[replay.profile.name] = replay.profile
        return config
    }
}
