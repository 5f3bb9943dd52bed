import NIOConcurrencyHelpers

/// When each sealed batch's oldest reading entered the gateway and when the batch closed, kept until its PUBACK.
///
/// In memory only and bounded: after a restart, or for batches older than the newest `capacity`
/// sequence numbers (a long outage's backlog), the figures are simply not recorded.
final class BatchArrivals: Sendable {
    /// One batch's times inside the gateway.
    struct Entry: Sendable, Equatable {
        var oldestArrival: ContinuousClock.Instant
        var closedAt: ContinuousClock.Instant
    }

    /// Entries kept before the oldest half is forgotten.
    let capacity: UInt64
    private let entries = NIOLockedValueBox<[UInt64: Entry]>([:])

    init(capacity: Int = 16_384) {
        self.capacity = UInt64(capacity)
    }

    /// Batch `seq` was sealed; its oldest reading entered the gateway at `oldestArrival`, and it closed at `closedAt`.
    func sealed(seq: UInt64, oldestArrival: ContinuousClock.Instant, closedAt: ContinuousClock.Instant) {
        entries.withLockedValue { table in
            table[seq] = Entry(oldestArrival: oldestArrival, closedAt: closedAt)
            // Sequence numbers only grow, so the entries far behind the newest are the stale ones.
            if table.count > Int(capacity), seq > capacity / 2 {
                let floor = seq - capacity / 2
                table = table.filter { $0.key >= floor }
            }
        }
    }

    var count: Int { entries.withLockedValue { $0.count } }

    /// The entry recorded for `seq`, forgotten as it is taken.
    func take(seq: UInt64) -> Entry? {
        entries.withLockedValue { $0.removeValue(forKey: seq) }
    }
}
