import Foundation
import Wire

/// A folder like the one the gateway tests build: keys, placeholder TLS files and two shipped profiles,
/// so that seeds naming `keys/…`, `tls/…` and `profiles` get past the file checks into the rest of the
/// loader. The fuzz input is written to gateway.yaml in it on every run.
struct ConfigFixture: Sendable {
    static let shared = ConfigFixture()

    let directory: String
    let configPath: String

    /// The shipped profiles, found from this file's place in the repository (Fuzz/Sources/FuzzGatewayConfig).
    private static let shippedProfiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DeviceProfiles").path

    private init() {
        let template = NSTemporaryDirectory() + "/vitalgate-fuzz-config.XXXXXX"
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else { fatalError("mkdtemp failed: \(String(cString: strerror(errno)))") }
        directory = String(cString: made)
        configPath = directory + "/gateway.yaml"
        let files = FileManager.default
        do {
            _ = try KeyFile.generatePairs(into: directory + "/keys")
            try files.createDirectory(atPath: directory + "/tls", withIntermediateDirectories: true)
            for name in ["ca.pem", "gateway.pem", "gateway.key"] {
                _ = files.createFile(atPath: directory + "/tls/" + name, contents: Data("-".utf8), attributes: [.posixPermissions: 0o600])
            }
            // Two profiles only: the catalog loads every file in the folder on every run.
            try files.createDirectory(atPath: directory + "/profiles", withIntermediateDirectories: true)
            for name in ["senml-vitals.yaml", "masimo-radical7.yaml"] {
                try files.copyItem(atPath: Self.shippedProfiles + "/" + name, toPath: directory + "/profiles/" + name)
            }
        } catch {
            fatalError("cannot build the config fixture in \(directory): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: ConfigFixture.shared.directory) }
    }
}
