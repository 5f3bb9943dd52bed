import Foundation

/// Resolves paths written in a config file: relative to the file, or `credential:NAME` from systemd.
public enum ConfigPaths {
    public static func resolve(_ raw: String, relativeTo configFile: String) -> String {
        if raw.hasPrefix("credential:") {
            let name = String(raw.dropFirst("credential:".count))
            let directory = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"] ?? "/run/credentials/vitalgate.service"
            return (directory as NSString).appendingPathComponent(name)
        }
        if raw.hasPrefix("/") { return raw }
        let base = (configFile as NSString).deletingLastPathComponent
        return ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(raw)
    }

    /// Fails with a positioned error when `path` cannot be opened for reading.
    public static func requireReadable(_ path: String, at value: YAMLValue, what: String) throws(ConfigError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw value.error("\(what) '\(path)' \(reason)")
        }
        try? handle.close()
    }
}

extension ConfigPaths {
    /// Permission bits of a file, or nil when it cannot be stat'ed.
    public static func permissions(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? NSNumber
        else { return nil }
        return mode.intValue & 0o777
    }
}
