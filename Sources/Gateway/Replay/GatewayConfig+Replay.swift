extension GatewayConfig {
    /// This configuration with a replayed record as one more device.
    public func adding(_ replay: RecordReplay) -> GatewayConfig {
        adding(replay, beds: [replay.device])
    }

    /// This configuration with the record played at several beds at once (see `RecordReplay.beds`).
    public func adding(_ replay: RecordReplay, beds: [DeviceConfig]) -> GatewayConfig {
        var config = self
        let ids = Set(beds.map(\.info.id))
        config.devices.removeAll { ids.contains($0.info.id) }
        config.devices += beds
        config.profiles[replay.profile.name] = replay.profile
        return config
    }
}
