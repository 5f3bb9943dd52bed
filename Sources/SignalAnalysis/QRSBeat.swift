/// One detected beat, timed on its R peak (the QRS's main extreme), in sample indices from the stream start.
public struct QRSBeat: Sendable, Hashable {
    public var sampleIndex: Int
    /// Height (or depth) of the R peak from the local baseline, in input units.
    public var amplitude: Float
    public var polarity: QRSPolarity
    /// Samples since the previous beat of the same detector, if there was one.
    public var rrSamples: Int?
    /// Found by search-back (a lower threshold applied after an overdue beat) rather than at the first pass.
    public var foundBySearchBack: Bool
    /// Peak band-passed noise in the quietest stretch before the complex, relative to `amplitude`.
    public var noiseRatio: Float
    /// The lead's quality when the beat was decided.
    public var quality: LeadQuality

    public init(
        sampleIndex: Int, amplitude: Float, polarity: QRSPolarity, rrSamples: Int? = nil,
        foundBySearchBack: Bool = false, noiseRatio: Float = 0, quality: LeadQuality = .good
    ) {
        self.sampleIndex = sampleIndex
        self.amplitude = amplitude
        self.polarity = polarity
        self.rrSamples = rrSamples
        self.foundBySearchBack = foundBySearchBack
        self.noiseRatio = noiseRatio
        self.quality = quality
    }
}
