extension PulseDetector {
    /// Pulse presence and rate over the last `statusWindow` seconds of the stream. It correlates the whole window, so
    /// read it once per chunk (or per second), not per sample.
    public var status: PulseStatus {
        let now = sampleCount
        let pulses = recentPulses.filter { $0.onset >= now - timing.window }
        guard pulses.count >= 2, let last = pulses.last else {
            return PulseStatus(isPresent: false, pulseRate: nil, pulseCount: pulses.count, periodicity: 0, consistency: 0)
        }
        let period = Self.typicalInterval(zip(pulses, pulses.dropFirst()).map { Double($1.onset - $0.onset) })
        let periodicity = periodicity(near: period, now: now)
        let consistency = beatConsistency(of: pulses, period: period)
        // A train that stopped a while ago is no longer present, however periodic the window still looks.
        let current = Double(now - last.onset) <= max(2.5 * period, 2 * sampleRate)
        let pulsatile = periodicity >= configuration.minimumPeriodicity || consistency >= configuration.minimumConsistency
        let present = pulses.count >= configuration.minimumPulses && pulsatile && current
        return PulseStatus(
            isPresent: present, pulseRate: present ? 60 * sampleRate / period : nil, pulseCount: pulses.count,
            periodicity: periodicity, consistency: consistency
        )
    }

    /// Highest normalised autocorrelation of the band-passed window at lags within ±20 % of `period`.
    /// Noise decorrelates within tens of milliseconds, a pulse train correlates with itself one beat later.
    private func periodicity(near period: Double, now: Int) -> Double {
        let window = PulseWindow(history: filteredHistory, from: now - timing.window, to: now)
        let low = max(1, Int(0.8 * period))
        let high = min(window.count / 2, Int(1.2 * period) + 1)
        guard low <= high else { return 0 }
        var best = 0.0
        for lag in stride(from: low, through: high, by: max(1, Int(period) / 100)) {
            best = max(best, window.correlation(atLag: lag))
        }
        return best
    }

    /// Mean of the intervals between 0.6 and 1.6 medians: that drops the halved and doubled intervals of an extra or
    /// missed pulse yet keeps an irregular rhythm's spread, and the mean resolves the rate finer than one sample
    /// (at 50 Hz one sample is 6 % of a 180 /min interval).
    static func typicalInterval(_ intervals: [Double]) -> Double {
        let sorted = intervals.sorted()
        let median = sorted[sorted.count / 2]
        let typical = sorted.filter { $0 >= 0.6 * median && $0 <= 1.6 * median }
        return typical.reduce(0, +) / Double(typical.count)
    }
}

/// A mean-removed copy of the recent band-passed samples, for autocorrelation.
struct PulseWindow {
    private let values: [Double]

    init(history: PulseHistory, from: Int, to: Int) {
        let start = max(from, history.start)
        let raw = (start..<max(start, to)).map { history[$0] }
        let mean = raw.isEmpty ? 0 : raw.reduce(0, +) / Double(raw.count)
        values = raw.map { $0 - mean }
    }

    var count: Int { values.count }

    /// Pearson-style correlation of the window with itself shifted by `lag`; 0 when either part is flat.
    func correlation(atLag lag: Int) -> Double {
        var (cross, early, late) = (0.0, 0.0, 0.0)
        for index in 0..<(values.count - lag) {
            let (a, b) = (values[index], values[index + lag])
            cross += a * b
            early += a * a
            late += b * b
        }
        let scale = (early * late).squareRoot()
        return scale > 0 ? cross / scale : 0
    }
}
