import Foundation
import LocalLab
@testable import WFDB

/// Paths of the MIT-BIH sample record checked into TestData.
enum MITDB {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestData/mitdb").path
    static let record100 = directory + "/100"
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
