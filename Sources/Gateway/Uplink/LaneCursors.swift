import GatewayModel

/// Where an uplink session reads each lane next.
///
/// Alarm batches committed during the session go out before the alarm batches queued before it: after an
/// outage those are the backlog, minutes old, and an alarm raised while they drain must not wait behind
/// them (DESIGN.md promise 3). Each part is still sent oldest first. Batches are keyed by `(gatewayId, seq)`
/// and events carry their own times, so consumers order by those, not by arrival: across a drain, the clear
/// of an alarm raised during the outage can arrive before its raise.
struct LaneCursors {
    /// Rows with `after` < id ≤ `through`, read oldest first; `through` is `.max` for rows still to come.
    struct Span: Equatable {
        var after: Int64
        var through: Int64
    }

    private var spans: [Lane: [Span]] = [:]
    /// The id of the newest alarm batch queued when the session started (0 for none).
    let alarmBacklogEnd: Int64

    init(alarmBacklogEnd: Int64) {
        self.alarmBacklogEnd = alarmBacklogEnd
        for lane in Lane.allCases { spans[lane] = [Span(after: 0, through: .max)] }
        if alarmBacklogEnd > 0 {
            spans[.alarm] = [Span(after: alarmBacklogEnd, through: .max), Span(after: 0, through: alarmBacklogEnd)]
        }
    }

    /// Whether row `id` of `lane` is backlog, sent within the bulk limit: vital and waveform batches always,
    /// alarms when they were queued before the session.
    func isBulk(_ lane: Lane, id: Int64) -> Bool { lane != .alarm || id <= alarmBacklogEnd }

    /// The lane's spans in sending order.
    func spans(of lane: Lane) -> [Span] { spans[lane] ?? [] }

    /// Row `id` of the span ending at `through` was taken; the next read starts after it.
    mutating func advance(_ lane: Lane, through: Int64, to id: Int64) {
        guard let index = spans[lane]?.firstIndex(where: { $0.through == through }) else { return }
        spans[lane]![index].after = id
    }

    /// The span ending at `through` has no rows left. A bounded one can never get more, so it is dropped
    /// and costs no further query; the open-ended one stays.
    mutating func exhausted(_ lane: Lane, through: Int64) {
        guard through != .max else { return }
        spans[lane]?.removeAll { $0.through == through }
    }
}
