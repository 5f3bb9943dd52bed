import GatewayModel

extension ArrhythmiaDetector {
    /// Thresholds of the arrhythmia rules; the defaults are the PhysioNet/CinC 2015 definitions.
    public struct Configuration: Sendable, Hashable {
        /// Asystole: no QRS for at least this long.
        public var asystolePause: Duration
        /// Extreme bradycardia: instantaneous HR below `bradycardiaRate` for `bradycardiaBeats` consecutive beats.
        public var bradycardiaRate: Double
        public var bradycardiaBeats: Int
        /// Extreme tachycardia: instantaneous HR above `tachycardiaRate` for `tachycardiaBeats` consecutive beats.
        public var tachycardiaRate: Double
        public var tachycardiaBeats: Int
        /// Consecutive beats back inside the limit before bradycardia or tachycardia clears.
        public var clearingBeats: Int
        /// Beats after a pause before asystole clears; one stray detection must not end it.
        public var asystoleClearingBeats: Int
        /// Pulses this soon after the last QRS may be that beat's own pulse wave, so they do not count.
        public var pulseTransit: Duration
        /// Pulses within the pause needed to veto asystole.
        public var minimumPulses: Int
        /// Beats closer than this to the previous one are the same QRS seen twice (fused leads).
        public var refractory: Duration
        public var priority: AlarmPriority

        public init(
            asystolePause: Duration = .seconds(4),
            bradycardiaRate: Double = 40, bradycardiaBeats: Int = 5,
            tachycardiaRate: Double = 140, tachycardiaBeats: Int = 17,
            clearingBeats: Int = 5, asystoleClearingBeats: Int = 2,
            pulseTransit: Duration = .milliseconds(500), minimumPulses: Int = 2,
            refractory: Duration = .milliseconds(200), priority: AlarmPriority = .high
        ) {
            self.asystolePause = asystolePause
            self.bradycardiaRate = bradycardiaRate
            self.bradycardiaBeats = bradycardiaBeats
            self.tachycardiaRate = tachycardiaRate
            self.tachycardiaBeats = tachycardiaBeats
            self.clearingBeats = clearingBeats
            self.asystoleClearingBeats = asystoleClearingBeats
            self.pulseTransit = pulseTransit
            self.minimumPulses = minimumPulses
            self.refractory = refractory
            self.priority = priority
        }
    }
}
