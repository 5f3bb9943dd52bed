import GatewayModel
import NIOConcurrencyHelpers

/// How long each lane's batches recently took from closing to their PUBACK, learnt from the PUBACKs: the
/// batcher closes a batch that much before its lane's `maxLatency`, so the PUBACK, not only the close, lands
/// within it (`Batcher`).
///
/// A sample is the time to become durable (close to commit: sealing and the fsync) plus the round trip
/// (publish to PUBACK). The time a committed batch waits in the queue behind a backlog (an outage, a
/// drain) is left out: closing earlier cannot shorten it, and learning it would only make batches smaller.
final class DeliveryAllowance: Sendable {
    /// Samples kept per lane. The allowance is the largest of them, about the 99th percentile, as the latency
    /// target is: a few minutes of batches at a one-second `maxLatency`, so one slow fsync is remembered that long.
    static let window = 100
    private let recent = NIOLockedValueBox<[Lane: RecentSamples]>([:])

    init() {}

    /// One batch of `lane` was acknowledged `duration` after it closed, queueing behind a backlog left out.
    func record(_ lane: Lane, _ duration: Duration) {
        recent.withLockedValue { $0[lane, default: RecentSamples()].add(max(duration, .zero)) }
    }

    /// The largest of the lane's recent samples; zero before the first.
    func allowance(for lane: Lane) -> Duration {
        recent.withLockedValue { $0[lane]?.largest ?? .zero }
    }

    /// The last `window` samples of one lane, oldest overwritten first.
    private struct RecentSamples: Sendable {
        private var samples: [Duration] = []
        private var next = 0

        var largest: Duration { samples.max() ?? .zero }

        mutating func add(_ sample: Duration) {
            if samples.count < DeliveryAllowance.window {
                samples.append(sample)
            } else {
                samples[next] = sample
            }
            next = (next + 1) % DeliveryAllowance.window
        }
    }
}
