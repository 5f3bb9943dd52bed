import Foundation

/// A fresh directory under /tmp for one test's files; `remove()` deletes it with everything inside.
public final class TempDirectory: Sendable {
    public let path: String

    /// Creates /tmp/PREFIX-XXXXXX. A test cannot do anything useful without it, so failure stops the run.
    public init(prefix: String = "vitalgate-test") {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            preconditionFailure("mkdtemp failed for prefix \(prefix): \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    /// A path inside the directory (nothing is created).
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
