extension PulseDetector {
    /// Mean correlation of each pulse's waveform with the window's average pulse. Unlike autocorrelation this does
    /// not need a steady rhythm, so irregular pulses (atrial fibrillation) still count; noise "pulses" don't agree.
    func beatConsistency(of pulses: [Pulse], period: Double) -> Double {
        let lead = Int(0.4 * period)
        let length = max(4, Int(period))
        let segments: [[Double]] = pulses.compactMap { pulse in
            let first = pulse.onset + timing.delay - lead
            guard first >= filteredHistory.start, first + length <= filteredHistory.end else { return nil }
            return Self.centred((first..<(first + length)).map { filteredHistory[$0] })
        }
        // With very few pulses any shapes agree with their own average; three is the least that means something.
        guard segments.count >= 3 else { return 0 }
        var template = [Double](repeating: 0, count: length)
        for segment in segments {
            for index in segment.indices { template[index] += segment[index] }
        }
        let correlations = segments.map { Self.correlation($0, template) }
        return correlations.reduce(0, +) / Double(correlations.count)
    }

    private static func centred(_ values: [Double]) -> [Double] {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.map { $0 - mean }
    }

    private static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        var (cross, aa, bb) = (0.0, 0.0, 0.0)
        for index in a.indices {
            cross += a[index] * b[index]
            aa += a[index] * a[index]
            bb += b[index] * b[index]
        }
        let scale = (aa * bb).squareRoot()
        return scale > 0 ? cross / scale : 0
    }
}
