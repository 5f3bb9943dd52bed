import GatewayModel

/// Which upstream connection an `UplinkService` drives.
///
/// With `upstream.alarmConnection` (the default) alarms get a connection of their own, so an alarm raised
/// while a backlog drains shares no TCP stream, libmosquitto thread or broker read with the backlog's
/// batches (DESIGN.md promise 3). While that connection is down (refused by the platform, say) the main
/// one carries the alarm lane again (`AlarmRoute`): an alarm never waits for the second connection.
enum UplinkLink: String, Sendable {
    case main
    case alarm

    /// Whether this connection may send `lane`: the alarm connection only alarms.
    func sends(_ lane: Lane) -> Bool { self == .main || lane == .alarm }

    /// The MQTT client id: the configured one, and `<clientID>-alarm` for the alarm connection.
    func clientID(_ settings: UpstreamSettings) -> String {
        self == .alarm ? settings.clientID + "-alarm" : settings.clientID
    }

    /// How log lines name the connection.
    var name: String { self == .alarm ? "upstream alarm connection" : "upstream" }
}
