import Synchronization

/// Whether the alarm-only connection is up: while it is, the main connection leaves the alarm lane to it.
final class AlarmRoute: Sendable {
    private let up = Atomic<Bool>(false)

    var alarmConnectionUp: Bool { up.load(ordering: .acquiring) }

    func set(up value: Bool) { up.store(value, ordering: .releasing) }
}
