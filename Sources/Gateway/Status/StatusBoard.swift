import DeviceCodecs
import GatewayModel
import NIOConcurrencyHelpers

/// Live counters and states of one gateway process, written by the services and read by status views.
public final class StatusBoard: Sendable {
    private let state: NIOLockedValueBox<GatewaySnapshot>

    public init(gatewayID: String, upstreamURL: String, devices: [DeviceConfig]) {
        state = NIOLockedValueBox(GatewaySnapshot(gatewayID: gatewayID, upstreamURL: upstreamURL))
        replaceDevices(devices)
    }

    public func snapshot() -> GatewaySnapshot { state.withLockedValue { $0 } }

    /// After a reload: new devices start waiting, removed ones go, the rest keep their counters.
    func replaceDevices(_ devices: [DeviceConfig]) {
        state.withLockedValue { snapshot in
            var entries: [String: DeviceSnapshot] = [:]
            for device in devices {
                var entry = snapshot.devices[device.info.id]
                    ?? DeviceSnapshot(id: device.info.id, profile: device.info.profile, source: device.topic ?? device.port ?? "")
                entry.profile = device.info.profile
                entry.source = device.topic ?? device.port ?? ""
                entries[device.info.id] = entry
            }
            snapshot.devices = entries
            snapshot.deviceOrder = devices.map(\.info.id)
        }
    }

    func update(_ body: (inout GatewaySnapshot) -> Void) { state.withLockedValue { body(&$0) } }

    /// One decoded message or stream chunk of a device: counts, conditions and decoder errors.
    func record(_ mapped: ChannelMapper.Mapped, _ decoded: DecodedBatch, device: String, at unixMs: Int64) {
        let samples = mapped.measurements.count + mapped.waveforms.reduce(0) { $0 + $1.samples.count }
        state.withLockedValue {
            $0.messagesIn += decoded.frames
            $0.readingsIn += samples
            guard var entry = $0.devices[device] else { return }
            entry.messages += decoded.frames
            entry.samples += samples
            entry.unmappedValues += mapped.unmapped
            entry.decodeErrors += decoded.errors.count
            entry.lostFrames += decoded.lostFrames
            if let error = decoded.errors.last { entry.lastError = error.message }
            for condition in decoded.conditions {
                if condition.active { entry.conditions.insert(condition.code) } else { entry.conditions.remove(condition.code) }
            }
            if decoded.frames > 0 {
                entry.lastSeenUnixMs = unixMs
                entry.state = .ok
            }
            $0.devices[device] = entry
            $0.decodeErrors += decoded.errors.count
        }
    }

    /// Keeps the set of active alarms current as events are raised and cleared.
    func record(_ events: [Event]) {
        state.withLockedValue { snapshot in
            for event in events {
                switch event.kind {
                case .raised:
                    snapshot.eventsRaised += 1
                    snapshot.alarmsRaised[event.priority, default: 0] += 1
                    snapshot.activeAlarms[event.id] = ActiveAlarm(
                        id: event.id, device: event.device, channel: event.channel.name, rule: event.rule, priority: event.priority,
                        since: event.timeUnixMs, value: event.value
                    )
                case .cleared:
                    snapshot.activeAlarms[event.id] = nil
                case .suppressed:
                    snapshot.eventsSuppressed += 1
                }
            }
        }
    }

    func recordDeviceState(_ device: String, _ state: DeviceSnapshot.State, reason: String? = nil) {
        self.state.withLockedValue {
            $0.devices[device]?.state = state
            if let reason { $0.devices[device]?.lastError = reason }
        }
    }

    func recordDecodeError(device: String, message: String) {
        state.withLockedValue {
            $0.decodeErrors += 1
            $0.devices[device]?.decodeErrors += 1
            $0.devices[device]?.lastError = message
        }
    }

    func recordUnroutable() { state.withLockedValue { $0.unroutableMessages += 1 } }

    /// A batch lost before it reached the queue (the queue counts its own evictions).
    func recordDrop(lane: Lane, reason: String) { state.withLockedValue { $0.droppedBeforeQueue[lane, default: [:]][reason, default: 0] += 1 } }
}

/// A consistent copy of the gateway's counters and states at one moment.
public struct GatewaySnapshot: Sendable {
    public var gatewayID: String
    public var upstreamURL: String
    public var startedUnixMs = WallClock.nowUnixMs()
    /// Alarm conditions raised and not yet cleared, by id.
    public var activeAlarms: [String: ActiveAlarm] = [:]
    /// The main upstream connection.
    public var upstream = UpstreamLinkState()
    /// The alarm-only connection; nil without `upstream.alarmConnection`.
    public var alarmLink: UpstreamLinkState?
    public var messagesIn = 0
    public var readingsIn = 0
    public var decodeErrors = 0
    public var unroutableMessages = 0
    public var eventsRaised = 0
    /// Conditions a cross-check vetoed (asystole with pulses), kept for review rather than alarmed.
    public var eventsSuppressed = 0
    public var alarmsRaised: [AlarmPriority: Int] = [:]
    public var batchesSealed: [Lane: Int] = [:]
    public var batchesCommitted: [Lane: Int] = [:]
    public var batchesSent: [Lane: Int] = [:]
    public var batchesAcked: [Lane: Int] = [:]
    public var batchesRefused: [Lane: Int] = [:]
    /// Readings in open batches, waiting in memory for their batch to close.
    public var pendingReadings = 0
    /// Closed batches not committed yet: on their way to the committer (alarms sealed at once, the others on the
    /// hand-over's sealing queue), or kept by it while the store fails.
    public var sealedUncommitted = 0
    /// Device inputs handed to the pipeline and not yet analysed, and how often a source found that inbox full.
    public var inboxInputs = 0
    public var inboxWaits = 0
    /// Device inputs that may raise an alarm and so went ahead of the queued ones (`PipelineQueue`).
    public var urgentInputs = 0
    /// Turns of the pipeline loop: proof of progress for the systemd watchdog.
    public var pipelineTicks = 0
    /// Batches lost before the queue, by lane and reason (`seal`, `memory`, `exit`).
    public var droppedBeforeQueue: [Lane: [String: Int]] = [:]
    /// Why the gateway is running in a reduced mode (disk full, store failing), or nil.
    public var degraded: String?
    /// Where a corrupt queue file was moved at start, if it was.
    public var quarantinedQueue: String?
    public var devices: [String: DeviceSnapshot] = [:]
    public var deviceOrder: [String] = []

    init(gatewayID: String, upstreamURL: String) {
        self.gatewayID = gatewayID
        self.upstreamURL = upstreamURL
    }
}

/// Counters and state of one device.
public struct DeviceSnapshot: Sendable {
    /// Device health as shown to operators.
    public enum State: String, Sendable {
        case ok
        case stale
        case disconnected
        case error
        case waiting
    }

    public var id: String
    public var profile: String
    public var source: String
    public var state: State = .waiting
    public var lastSeenUnixMs: Int64?
    public var messages = 0
    public var samples = 0
    public var decodeErrors = 0
    /// Values the device sent that its profile does not map to a channel.
    public var unmappedValues = 0
    /// Frames known lost from sequence gaps.
    public var lostFrames = 0
    /// Technical conditions the device currently reports (`sensor-off`, `low-perfusion`, …).
    public var conditions: Set<String> = []
    public var lastError: String?
}

/// An alarm condition that is active now.
public struct ActiveAlarm: Sendable {
    public var id: String
    public var device: String
    public var channel: String
    public var rule: String
    public var priority: AlarmPriority
    public var since: Int64
    public var value: Double?

    /// High first.
    var priorityRank: Int { AlarmPriority.allCases.firstIndex(of: priority) ?? 0 }
}
