import Foundation

/// Appends NDJSON lines to one file per gateway and day, and syncs them to disk per batch.
final class NDJSONWriter {
    private let directory: String
    private var handles: [String: FileHandle] = [:]

    init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { for handle in handles.values { try? handle.close() } }

    func path(gateway: String, day: String) -> String {
        ((directory as NSString).appendingPathComponent(gateway) as NSString).appendingPathComponent("\(day).ndjson")
    }

    /// Writes all lines, one write per touched file, then fsyncs each touched file before returning.
    func append(gateway: String, lines: [(day: String, json: [UInt8])]) throws {
        // Bound open files between batches, never in the middle of one.
        if handles.count > 64 { closeAll() }
        var files: [String: [UInt8]] = [:]
        for (day, json) in lines {
            appendLine(json, to: &files[day, default: []])
        }
        for (day, text) in files {
            try handle(for: path(gateway: gateway, day: day)).write(contentsOf: text)
        }
        for day in files.keys { try handle(for: path(gateway: gateway, day: day)).synchronize() }
    }

    private func appendLine(_ json: [UInt8], to text: inout [UInt8]) {
        text.append(contentsOf: json)
        text.append(0x0A)
    }

    private func handle(for path: String) throws -> FileHandle {
        if let handle = handles[path] { return handle }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        try handle.seekToEnd()
        handles[path] = handle
        return handle
    }

    private func closeAll() {
        for handle in handles.values { try? handle.close() }
        handles.removeAll()
    }
}
