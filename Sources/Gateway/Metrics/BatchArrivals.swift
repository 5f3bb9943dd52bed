import NIOConcurrencyHelpers

/// When the oldest reading of each sealed batch entered the gateway, kept until the batch's PUBACK.
///
/// In memory only and bounded: after a restart, or for batches older than the newest `capacity`
/// sequence numbers (a long outage's backlog), the figure is simply not recorded.
final class BatchArrivals: Sendable {
    /// Entries kept before the oldest half is forgotten.
    let capacity: UInt64
    private let arrivals = NIOLockedValueBox<[UInt64: ContinuousClock.Instant]>([:])

    init(capacity: Int = 16_384) {
        self.capacity = UInt64(capacity)
    }

    /// Batch `seq` was sealed; its oldest reading entered the gateway at `oldestArrival`.
    func sealed(seq: UInt64, oldestArrival: ContinuousClock.Instant) {
        arrivals.withLockedValue { table in
            table[seq] = oldestArrival
            // Sequence numbers only grow, so the entries far behind the newest are the stale ones.
            if table.count > Int(capacity), seq > capacity / 2 {
                let floor = seq - capacity / 2
                table = table.filter { $0.key >= floor }
            }
        }
    }

    var count: Int { arrivals.withLockedValue { $0.count } }

    /// The arrival recorded for `seq`, forgotten as it is taken.
    func take(seq: UInt64) -> ContinuousClock.Instant? {
        arrivals.withLockedValue { $0.removeValue(forKey: seq) }
    }
}
