/// Median and scaled median absolute deviation: location and spread that single outliers barely move.
enum RobustStatistics {
    /// Makes the MAD estimate the standard deviation of normally distributed data.
    static let madToSigma = 1.4826

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// MAD scaled to a standard deviation, around a given median.
    static func scaledMAD(_ values: [Double], around center: Double) -> Double? {
        median(values.map { abs($0 - center) }).map { $0 * madToSigma }
    }
}
