import Foundation

extension QueueConfiguration {
    /// Refuses settings that would make the queue unbounded or unusable, before any file is touched.
    func validate() throws {
        guard !path.isEmpty else {
            throw QueueError(kind: .invalidConfiguration, message: "queue path is empty")
        }
        guard maxBytes > 0 else {
            throw QueueError(kind: .invalidConfiguration, message: "queue maxBytes must be positive, got \(maxBytes)")
        }
        guard maxAge > .zero else {
            throw QueueError(kind: .invalidConfiguration, message: "queue maxAge must be positive, got \(maxAge)")
        }
        if let maxPageCount, maxPageCount <= 0 {
            throw QueueError(kind: .invalidConfiguration, message: "queue maxPageCount must be positive, got \(maxPageCount)")
        }
        // The daemon must not invent directories (systemd's StateDirectory= owns them); a missing
        // parent is a deployment error worth a precise message rather than SQLite's "unable to open".
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw QueueError(
                kind: .cannotOpen,
                message: "cannot open queue \(path): parent directory \(parent) does not exist or is not a directory")
        }
    }

    /// `maxAge` in whole milliseconds, saturating instead of overflowing for absurd durations.
    var maxAgeMilliseconds: Int64 {
        let (seconds, attoseconds) = maxAge.components
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds > 0 ? .max : .min }
        let (total, overflowAgain) = ms.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAgain ? .max : total
    }
}
