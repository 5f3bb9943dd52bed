import SignalCore

/// A peak of the integrated feature, with the QRS it points to located in the band-passed and raw signals.
struct QRSCandidate: Sendable {
    /// Index and height of the integrated-feature peak.
    var feature: Peak
    /// The R peak: the main extreme of the complex.
    var rIndex: Int
    var polarity: QRSPolarity
    var amplitude: Float
    /// Steepest band-passed step within the complex, to tell a QRS from a T wave.
    var slope: Float
    /// Band-passed noise just before the complex relative to its amplitude (see `QRSLocator`).
    var noiseRatio: Float
}
