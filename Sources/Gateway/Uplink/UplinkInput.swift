import Transport

/// Everything an uplink session reacts to, merged into one stream so one task owns its state.
enum UplinkInput: Sendable {
    case mqtt(MQTTEvent)
    case queued
    case tick
    case shutdown
    /// A reload changed the upstream settings: drain what is in flight, then connect anew.
    case reconnect
}
