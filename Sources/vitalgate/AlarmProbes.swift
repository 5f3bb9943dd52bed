import Foundation
import GatewayModel

/// SpO2 readings for `vitalgate simulate --alarm-probe-ms`: low (80 %) and normal (97 %) in turn, so a profile
/// alarming below 90 % without delay raises one alarm per low probe at a known time, amid the load.
struct AlarmProbes {
    let topic: String
    let every: Duration
    private var next: ContinuousClock.Instant
    private var low = true
    /// Low probes published so far: the alarms to expect.
    private(set) var lowSent = 0

    init(topic: String, every: Duration, start: ContinuousClock.Instant) {
        self.topic = topic
        self.every = every
        self.next = start + every
    }

    /// The next probe's SenML payload if one is due at `now`.
    mutating func due(at now: ContinuousClock.Instant) -> String? {
        guard now >= next else { return nil }
        next = next + every
        defer { low.toggle() }
        if low { lowSent += 1 }
        let time = Thousandths.text(Int(WallClock.nowUnixMs()))
        return "[{\"bn\":\"urn:dev:load:probe:\",\"bt\":\(time),\"n\":\"spo2\",\"u\":\"%\",\"v\":\(low ? 80 : 97)}]"
    }
}
