extension PulseDetector {
    /// The foot by intersecting tangents: where the tangent at the steepest point of the upstroke meets the level
    /// of the trough before it. Unlike the trough itself, this does not wander along a flat, noisy diastole.
    func foot(before peak: Int, crossing: Int) -> (index: Int, level: Double) {
        let earliest = max(crossing - timing.footSearch, lastPeak + 1, filteredHistory.start + 1)
        guard earliest < peak else { return (peak, filteredHistory[peak]) }
        var steepest = earliest
        for index in earliest...peak where slope(at: index) > slope(at: steepest) { steepest = index }
        let trough = filteredHistory.indexOfExtreme(in: max(earliest - 1, steepest - timing.footSearch)...steepest, maximum: false)
        let level = filteredHistory[trough]
        let rise = filteredHistory[steepest] - level
        let slope = slope(at: steepest)
        guard slope > 0 else { return (trough, level) }
        let offset = Int((rise / slope).rounded())
        return (min(steepest, max(trough, steepest - offset)), level)
    }

    /// Backward difference, which is where the slope sum took its rises from.
    private func slope(at index: Int) -> Double {
        filteredHistory[index] - filteredHistory[index - 1]
    }
}
