import WFDB

/// MIT-BIH Arrhythmia Database record 100 (both leads, physical units) and its reference beat annotations.
struct Record100: Sendable {
    let sampleRate: Double
    let mlii: [Float]
    let v5: [Float]
    /// Sample indices of the reference beats (annotation codes that denote beats).
    let beats: [Int]

    static let shared = Result { try Record100.load() }

    static func load() throws -> Record100 {
        let path = Self.dataDirectory + "/100"
        let samples = try WFDBSignalReader(recordPath: path).readAll()
        let leads = samples.signals.map { signal in
            signal.samples.map { Float(Double(Int($0) - signal.baseline) / signal.adcGain) }
        }
        let annotations = try WFDBAnnotationReader.read(path: path + ".atr")
        return Record100(
            sampleRate: 360, mlii: leads[0], v5: leads[1], beats: annotations.filter(\.isBeat).map(\.sample))
    }

    /// …/Tests/SignalAnalysisTests/Record100.swift → …/TestData/mitdb
    private static var dataDirectory: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return (parts + ["TestData", "mitdb"]).joined(separator: "/")
    }
}
