import GatewayModel

/// Minimum and maximum over a sliding time window, amortised O(1) per sample (monotonic queues).
struct SlidingExtremes: Sendable {
    private var maxima = TimedMaxima()
    /// The minima as the maxima of the negated values, so one queue type serves both.
    private var negatedMinima = TimedMaxima()

    mutating func removeAll() {
        maxima.removeAll()
        negatedMinima.removeAll()
    }

    /// Takes the samples of `chunk` at `indices` (in physical units), keeps those of the last `windowNs`, and writes
    /// the window's peak-to-peak after each one into `ranges` (NaN for an empty window), in one loop over both
    /// queues' storage.
    mutating func ranges(of chunk: WaveformChunk, at indices: Range<Int>, windowNs: Int64, into ranges: inout [Double]) {
        ranges.removeAll(keepingCapacity: true)
        ranges.reserveCapacity(indices.count)
        maxima.reserve(indices.count)
        negatedMinima.reserve(indices.count)
        Self.feed(chunk, at: indices, windowNs: windowNs, maxima: &maxima, negatedMinima: &negatedMinima, ranges: &ranges)
    }

    private static func feed(
        _ chunk: WaveformChunk, at indices: Range<Int>, windowNs: Int64, maxima: inout TimedMaxima, negatedMinima: inout TimedMaxima,
        ranges: inout [Double]
    ) {
        maxima.withRing { high in
            negatedMinima.withRing { negatedLow in
                for index in indices {
                    let time = chunk.sampleUnixNs(index)
                    let value = chunk.physical(chunk.samples[index])
                    high.append(value, at: time)
                    negatedLow.append(-value, at: time)
                    high.removeAll(before: time - windowNs)
                    negatedLow.removeAll(before: time - windowNs)
                    ranges.append(high.isEmpty ? .nan : high.maximum + negatedLow.maximum)
                }
            }
        }
    }
}
