import Foundation
@testable import WFDB

/// Paths of the MIT-BIH sample record checked into TestData.
enum MITDB {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestData/mitdb").path
    static let record100 = directory + "/100"
}

/// Deterministic generator so fuzz failures reproduce.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh temporary directory holding `files`, removed by the caller via `remove()`.
struct TemporaryRecord {
    let directory: String

    init(files: [String: [UInt8]]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wfdb-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
