import Foundation
import YAMLConfig

/// The device profiles found in the configured profile folders, by name.
public struct ProfileCatalog: Sendable {
    public var profiles: [String: DeviceProfile]
    /// Profiles that failed to load; reported, but they do not hide the good ones.
    public var errors: [ConfigError]
    /// Two files in one folder defining the same profile name: always an error.
    public var duplicates: [ConfigError] = []

    /// Loads every `*.yaml`/`*.yml` file in `directories`; a missing folder is skipped.
    public static func load(directories: [String]) -> ProfileCatalog {
        var catalog = ProfileCatalog(profiles: [:], errors: [])
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            var seenHere: [String: String] = [:]
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = (directory as NSString).appendingPathComponent(name)
                do {
                    let profile = try DeviceProfile.load(path: path)
                    if let other = seenHere[profile.name] {
                        catalog.duplicates.append(ConfigError(file: path, line: 1, column: 1, message: "profile '\(profile.name)' is also defined in \(other)"))
                    }
                    seenHere[profile.name] = path
                    // Later folders override earlier ones, as /etc overrides /usr/share.
                    catalog.profiles[profile.name] = profile
                } catch {
                    catalog.errors.append(error)
                }
            }
        }
        return catalog
    }
}
