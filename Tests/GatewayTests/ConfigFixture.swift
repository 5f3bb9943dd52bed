import Foundation
import LocalLab
import Wire

/// A folder with keys, TLS files, the shipped profiles and a gateway.yaml built from a template.
struct ConfigFixture {
    let dir: TempDirectory
    static let profilesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("DeviceProfiles").path

    init() throws {
        dir = TempDirectory(prefix: "vitalgate-config")
        _ = try KeyFile.generatePairs(into: dir.file("keys"))
        try FileManager.default.createDirectory(atPath: dir.file("tls"), withIntermediateDirectories: true)
        for name in ["ca.pem", "gateway.pem", "gateway.key"] {
            _ = FileManager.default.createFile(atPath: dir.file("tls/\(name)"), contents: Data("-".utf8), attributes: [.posixPermissions: 0o600])
        }
    }

    static let valid = """
        gateway: { id: ward3-gw01, site: niguarda-ward3 }
        profiles: [PROFILES]
        store: { path: queue.sqlite, maxBytes: 2GiB, maxAge: 7d, sync: full }
        upstream:
          url: mqtts://127.0.0.1:8883
          tls: { ca: tls/ca.pem, cert: tls/gateway.pem, key: tls/gateway.key }
          inflight: 32
        sealing: { recipientKey: keys/platform.pub, gatewayKey: keys/gateway.key }
        sensors: { url: mqtt://127.0.0.1:1883 }
        api: { socket: api.sock, metrics: 127.0.0.1:9464 }
        devices:
          - { id: bed12-vitals, profile: senml-vitals, topic: sensors/bed12/#, patient: p-7f3a, bed: "12" }
          - { id: bed14, profile: senml-vitals, topic: sensors/bed14/# }

        """

    /// Writes `text` (with PROFILES replaced) as gateway.yaml and returns its path.
    func write(_ text: String, name: String = "gateway.yaml") throws -> String {
        let path = dir.file(name)
        try text.replacingOccurrences(of: "PROFILES", with: Self.profilesDirectory).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
