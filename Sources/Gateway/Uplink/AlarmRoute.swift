import Synchronization

/// Whether the alarm-only connection is up: while it is, the main connection leaves the alarm lane to it. It also
/// counts the main connection's connects: the broker is reachable then, and the alarm connection, resting between
/// attempts, should try at once rather than leave the alarms of an outage to the main connection's backlog.
final class AlarmRoute: Sendable {
    private let up = Atomic<Bool>(false)
    private let mainConnects = Atomic<Int>(0)

    var alarmConnectionUp: Bool { up.load(ordering: .acquiring) }

    func set(up value: Bool) { up.store(value, ordering: .releasing) }

    /// How often the main connection has connected.
    var mainConnections: Int { mainConnects.load(ordering: .acquiring) }

    func mainConnected() { mainConnects.add(1, ordering: .releasing) }
}
