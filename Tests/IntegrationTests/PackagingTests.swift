import Foundation
import LocalLab
import Testing

/// `make deb`'s packaging script on the binary just built: what the .deb installs, its control data
/// and maintainer scripts, and an example config that passes `vitalgate config check`.
@Suite(.serialized) struct PackagingTests {
    static let dpkgDeb = "/usr/bin/dpkg-deb"

    /// Runs `path` with extra environment; exit status and stdout+stderr together.
    func run(_ path: String, _ arguments: [String], environment extra: [String: String] = [:], dropping: [String] = [], timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String) {
        let scratch = TempDirectory(prefix: "vitalgate-pkg-run")
        defer { scratch.remove() }
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        for name in dropping { environment[name] = nil }
        let out = scratch.file("out.txt")
        let child = try ChildProcess.spawn(path, arguments, environment: environment, stdoutPath: out, stderrPath: out)
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill9()
            throw SupportError("\(path) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test func thePackageInstallsTheDaemonItsUnitAndAValidExampleConfig() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.dpkgDeb) else {
            Issue.record("dpkg-deb is not installed")
            return
        }
        let dir = TempDirectory(prefix: "vitalgate-deb")
        defer { dir.remove() }
        // gzip instead of xz: the debug binary is large and the test is about contents, not size.
        let made = try run(
            GatewayLab.repository + "/Scripts/make-deb",
            ["--binary", GatewayLab.binary, "--version", "0.0.0-test", "--out", dir.path],
            environment: ["MAKE_DEB_COMPRESSION": "gzip"], timeout: .seconds(600)
        )
        try #require(made.status == 0, "make-deb: \(made.output)")
        let arch = try ChildProcess.run("/usr/bin/dpkg", ["--print-architecture"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let deb = dir.file("vitalgate_0.0.0-test_\(arch).deb")
        try #require(FileManager.default.fileExists(atPath: deb), "make-deb printed: \(made.output)")

        try checkContents(deb)
        try checkControl(deb, arch: arch)
        try checkMaintainerScripts(deb)
        try checkExampleConfig(deb, in: dir)
    }

    func checkContents(_ deb: String) throws {
        let listing = try ChildProcess.run(Self.dpkgDeb, ["--contents", deb])
        // `-rwxr-xr-x root/root 123 2025-01-31 12:00 ./usr/bin/vitalgate` -> mode and path.
        var entries: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let mode = fields.first, let path = fields.last else { continue }
            entries[String(path.dropFirst())] = String(mode)  // "./usr/bin/x" -> "/usr/bin/x"
            #expect(fields.count > 1 && fields[1] == "root/root", "owned by root: \(line)")
        }
        #expect(entries["/usr/bin/vitalgate"] == "-rwxr-xr-x", "\(listing)")
        for file in [
            "/lib/systemd/system/vitalgate.service", "/usr/lib/sysusers.d/vitalgate.conf", "/usr/lib/tmpfiles.d/vitalgate.conf",
            "/etc/vitalgate/gateway.yaml", "/usr/share/doc/vitalgate/copyright", "/usr/share/doc/vitalgate/README.md",
        ] {
            #expect(entries[file] == "-rw-r--r--", "\(file) in the package: \(listing)")
        }
        let profiles = try FileManager.default.contentsOfDirectory(atPath: GatewayLab.repository + "/DeviceProfiles").filter { $0.hasSuffix(".yaml") }
        #expect(profiles.count >= 10)
        for name in profiles {
            #expect(entries["/usr/share/vitalgate/profiles/\(name)"] != nil, "profile \(name) is packaged")
        }
    }

    func checkControl(_ deb: String, arch: String) throws {
        let fields = try ChildProcess.run(Self.dpkgDeb, ["--field", deb, "Package", "Version", "Architecture", "Depends", "Maintainer", "Description"])
        #expect(fields.contains("Package: vitalgate\n"), "\(fields)")
        #expect(fields.contains("Version: 0.0.0-test\n"), "\(fields)")
        #expect(fields.contains("Architecture: \(arch)\n"), "\(fields)")
        #expect(fields.contains("Maintainer: "), "\(fields)")
        let depends = fields.split(separator: "\n").first { $0.hasPrefix("Depends: ") } ?? ""
        for package in ["libmosquitto1", "libsqlite3-0", "libssl3", "libc6"] {
            #expect(depends.contains(package), "\(depends)")
        }
        let conffiles = try ChildProcess.run(Self.dpkgDeb, ["--info", deb, "conffiles"])
        #expect(conffiles.split(separator: "\n") == ["/etc/vitalgate/gateway.yaml"], "\(conffiles)")
    }

    func checkMaintainerScripts(_ deb: String) throws {
        let postinst = try ChildProcess.run(Self.dpkgDeb, ["--info", deb, "postinst"])
        #expect(postinst.contains("systemd-sysusers vitalgate.conf"))
        #expect(postinst.contains("adduser --system --group"), "a fallback without systemd-sysusers")
        #expect(postinst.contains("systemd-tmpfiles --create vitalgate.conf"))
        // Enables and starts nothing: the gateway cannot run before its keys and config are in place.
        let code = postinst.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        let startsSomething = code.contains(#/(^|[^-\w])(enable|start|reenable)\b|--now|deb-systemd-invoke|invoke-rc\.d/#)
        #expect(!startsSomething, "postinst enables or starts something:\n\(code)")
        for script in ["prerm", "postrm"] {
            let text = try ChildProcess.run(Self.dpkgDeb, ["--info", deb, script])
            #expect(text.hasPrefix("#!/bin/sh"), "\(script)")
        }
        let postrm = try ChildProcess.run(Self.dpkgDeb, ["--info", deb, "postrm"])
        #expect(postrm.contains("rm -rf /var/lib/vitalgate"), "purge removes the queue")
    }

    /// The packaged gateway.yaml as a technician finds it, with the files it names put in place:
    /// TLS material from a test CA, keys from `vitalgate keys generate`, and the two private keys
    /// handed over the way systemd's LoadCredential= does, through $CREDENTIALS_DIRECTORY.
    func checkExampleConfig(_ deb: String, in dir: TempDirectory) throws {
        let root = dir.file("root")
        try ChildProcess.run(Self.dpkgDeb, ["-x", deb, root])
        let etc = root + "/etc/vitalgate"
        let config = etc + "/gateway.yaml"
        let unit = try String(contentsOfFile: root + "/lib/systemd/system/vitalgate.service", encoding: .utf8)
        #expect(unit == (try String(contentsOfFile: GatewayLab.repository + "/Systemd/vitalgate.service", encoding: .utf8)))

        let pki = try TestPKI.make(in: dir.file("pki"))
        let keys = dir.file("keys")
        let generated = try run(GatewayLab.binary, ["keys", "generate", "--out", keys])
        try #require(generated.status == 0, "\(generated.output)")
        let credentials = dir.file("credentials")
        let files = FileManager.default
        for folder in [etc + "/tls", etc + "/keys", credentials] {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try files.copyItem(atPath: pki.caCert, toPath: etc + "/tls/ca.pem")
        try files.copyItem(atPath: pki.clientCert, toPath: etc + "/tls/gateway.pem")
        try files.copyItem(atPath: keys + "/platform.pub", toPath: etc + "/platform.pub")
        try files.copyItem(atPath: keys + "/gateway.key", toPath: credentials + "/gateway.key")
        try files.copyItem(atPath: pki.clientKey, toPath: credentials + "/tls-client.key")
        for key in ["gateway.key", "tls-client.key"] { chmod(credentials + "/" + key, 0o600) }

        let checked = try run(GatewayLab.binary, ["config", "check", config], environment: ["CREDENTIALS_DIRECTORY": credentials])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("ok: gateway "), "\(checked.output)")

        // Private keys come only through credentials: outside the service there are none.
        let bare = try run(GatewayLab.binary, ["config", "check", config], dropping: ["CREDENTIALS_DIRECTORY"])
        #expect(bare.status == 2, "\(bare.output)")
        #expect(bare.output.contains("/run/credentials/vitalgate.service/"), "\(bare.output)")

        // The commented-out example device is valid too, against the packaged profiles.
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("# devices:\n#   - "))
        let withDevice = text.replacingOccurrences(of: "# devices:\n#   - ", with: "devices:\n  - ")
            .replacingOccurrences(of: "/usr/share/vitalgate/profiles", with: root + "/usr/share/vitalgate/profiles")
        try withDevice.write(toFile: etc + "/with-device.yaml", atomically: true, encoding: .utf8)
        let device = try run(GatewayLab.binary, ["config", "check", etc + "/with-device.yaml"], environment: ["CREDENTIALS_DIRECTORY": credentials])
        #expect(device.status == 0, "\(device.output)")
        #expect(device.output.contains("1 device(s), 1 profile(s)"), "\(device.output)")
    }
}
