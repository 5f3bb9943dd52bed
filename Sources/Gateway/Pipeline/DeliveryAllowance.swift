import GatewayModel
import NIOConcurrencyHelpers

/// How much before its lane's `maxLatency` a batch closes so that its PUBACK, not only its close, lands within the
/// window (`Batcher`); learnt from the time recent batches took from closing to their PUBACK.
///
/// A batch that took its lane's whole window or longer is not learnt from: it was held up by an outage, a drain's
/// backlog or a failing store, which closing earlier cannot shorten, and learning it would only make batches smaller.
final class DeliveryAllowance: Sendable {
    /// Samples kept per lane. The allowance is the largest of them, about the 99th percentile, as the latency target
    /// is: one slow fsync is remembered for the next hundred batches (100 s at a one-second `maxLatency`).
    static let samplesKept = 100
    private let maxLatency: [Lane: Duration]
    private let recent = NIOLockedValueBox<[Lane: RecentSamples]>([:])

    /// `maxLatency`: each lane's window, as configured; a lane left out (or with none, as alarms) never closes early.
    init(maxLatency: [Lane: Duration]) {
        self.maxLatency = maxLatency
    }

    /// A batch of `lane` was acknowledged `duration` after it closed.
    func record(_ lane: Lane, _ duration: Duration) {
        guard let limit = maxLatency[lane], duration >= .zero, duration < limit else { return }
        recent.withLockedValue { $0[lane, default: RecentSamples()].add(duration) }
    }

    /// The largest of the lane's recent samples, at most a quarter of its window so a slow upstream cannot shrink
    /// batches to nothing; zero before the first.
    func allowance(for lane: Lane) -> Duration {
        guard let limit = maxLatency[lane] else { return .zero }
        return min(recent.withLockedValue { $0[lane]?.largest ?? .zero }, limit / 4)
    }

    /// The last `samplesKept` samples of one lane, oldest overwritten first.
    private struct RecentSamples: Sendable {
        private var samples: [Duration] = []
        private var next = 0

        var largest: Duration { samples.max() ?? .zero }

        mutating func add(_ sample: Duration) {
            if samples.count < DeliveryAllowance.samplesKept {
                samples.append(sample)
            } else {
                samples[next] = sample
            }
            next = (next + 1) % DeliveryAllowance.samplesKept
        }
    }
}
