import GatewayModel
import Logging

/// Re-reads `gateway.yaml` and the profiles and applies what can change while running: the device
/// list and profiles (sources restarted, detectors swapped), and the upstream settings and TLS
/// material (reconnect). The queue is never touched; a broken file leaves the running config as is.
actor Reloader {
    private var config: GatewayConfig
    /// Taken when the settings were applied: the files may be rotated in place before the next reload.
    private var upstreamFingerprint: String
    private let apply: GatewayParts
    private let logger: Logger

    init(config: GatewayConfig, parts: GatewayParts, logger: Logger) {
        self.config = config
        self.upstreamFingerprint = config.upstream.fingerprint()
        self.apply = parts
        self.logger = logger
    }

    func reload() -> ReloadOutcome {
        logger.notice("reloading \(config.file)")
        let next: GatewayConfig
        do {
            next = try GatewayConfig.load(path: config.file)
        } catch {
            let errors = error.errors.map(\.description)
            logger.error("reload refused, the running configuration stays: \(errors.count) error(s)")
            for line in errors { logger.error("\(line)") }
            return ReloadOutcome(applied: false, devices: config.devices.count, added: [], removed: [], upstreamReconnected: false, needRestart: [], errors: errors)
        }
        for warning in next.warnings { logger.warning("\(warning)") }
        let outcome = applyChanges(from: config, to: next)
        config = next
        logger.notice("reloaded: \(outcome.devices) device(s), added \(outcome.added), removed \(outcome.removed), upstream reconnect \(outcome.upstreamReconnected)")
        if !outcome.needRestart.isEmpty {
            logger.warning("changed settings that take effect only after a restart: \(outcome.needRestart.joined(separator: ", "))")
        }
        return outcome
    }

    private func applyChanges(from old: GatewayConfig, to next: GatewayConfig) -> ReloadOutcome {
        let oldIDs = Set(old.devices.map(\.info.id))
        let newIDs = Set(next.devices.map(\.info.id))
        apply.status.replaceDevices(next.devices)
        apply.pipeline.post(.reconfigure(Analyzer(devices: next.deviceProfiles)))
        apply.sources.replace(with: apply.makeSources(next))
        let fingerprint = next.upstream.fingerprint()
        let reconnect = fingerprint != upstreamFingerprint
        upstreamFingerprint = fingerprint
        for uplink in apply.uplinks { uplink.reload(next.upstream, reconnect: reconnect) }
        return ReloadOutcome(
            applied: true, devices: next.devices.count, added: newIDs.subtracting(oldIDs).sorted(),
            removed: oldIDs.subtracting(newIDs).sorted(), upstreamReconnected: reconnect,
            needRestart: Self.restartOnly(old, next), errors: []
        )
    }

    private static func restartOnly(_ old: GatewayConfig, _ next: GatewayConfig) -> [String] {
        var changed: [String] = []
        if old.gatewayID != next.gatewayID || old.site != next.site { changed.append("gateway") }
        if "\(old.store)" != "\(next.store)" { changed.append("store") }
        if old.sealing.gatewayKeyPath != next.sealing.gatewayKeyPath || old.sealing.gatewayKey.rawRepresentation != next.sealing.gatewayKey.rawRepresentation
            || old.sealing.recipientKey.rawRepresentation != next.sealing.recipientKey.rawRepresentation {
            changed.append("sealing")
        }
        if old.upstream.alarmConnection != next.upstream.alarmConnection { changed.append("upstream.alarmConnection") }
        if old.api.socket != next.api.socket || old.api.metrics != next.api.metrics { changed.append("api") }
        if Lane.allCases.contains(where: { old.lanePolicy($0) != next.lanePolicy($0) }) { changed.append("lanes") }
        return changed
    }
}
