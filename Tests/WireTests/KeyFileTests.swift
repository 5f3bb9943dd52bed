import Crypto
import Foundation
import Testing
@testable import Wire

@Suite struct KeyFileTests {
    /// A fresh directory per test, so that tests can run in parallel.
    static func makeDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wiretests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    static func write(_ text: String, to path: String, mode: Int) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test func generatePairsWritesFourFilesThatRoundTrip() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let paths = try KeyFile.generatePairs(into: dir)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["gateway.key", "gateway.pub", "platform.key", "platform.pub"])
        #expect(try Self.mode(of: paths[0]) == 0o600)
        #expect(try Self.mode(of: paths[1]) == 0o644)
        #expect(try Self.mode(of: paths[2]) == 0o600)
        #expect(try Self.mode(of: paths[3]) == 0o644)

        // One line of base64 of 32 bytes, as WireGuard writes.
        let text = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(text.count == 45 && text.hasSuffix("\n"))

        let gateway = try KeyFile.readPrivateKey(at: paths[0])
        let platform = try KeyFile.readPrivateKey(at: paths[2])
        #expect(try KeyFile.readPublicKey(at: paths[1]).rawRepresentation == gateway.publicKey.rawRepresentation)
        #expect(try KeyFile.readPublicKey(at: paths[3]).rawRepresentation == platform.publicKey.rawRepresentation)
        #expect(gateway.rawRepresentation != platform.rawRepresentation)

        // The files are a working pair of pairs.
        let sealer = Sealer(gatewayID: "gw", gatewayKey: gateway, recipientKey: try KeyFile.readPublicKey(at: paths[3]))
        let opener = Opener(recipientKey: platform, gatewayKeys: ["gw": try KeyFile.readPublicKey(at: paths[1])])
        let header = Fixtures.header(gatewayID: "gw")
        #expect(try opener.open(try sealer.seal(Fixtures.content, header: header)).content == Fixtures.content)
    }

    @Test func generatePairsRefusesToOverwrite() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write("keep me\n", to: dir + "/platform.pub", mode: 0o644)

        #expect {
            try KeyFile.generatePairs(into: dir)
        } throws: { error in
            (error as? KeyFileError)?.reason == .alreadyExists && (error as? KeyFileError)?.path == dir + "/platform.pub"
        }
        // Nothing was written, not even the files that did not exist.
        #expect(!FileManager.default.fileExists(atPath: dir + "/gateway.key"))
        #expect(try String(contentsOfFile: dir + "/platform.pub", encoding: .utf8) == "keep me\n")
    }

    @Test func generatePairsCreatesAMissingDirectory() throws {
        let parent = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let paths = try KeyFile.generatePairs(into: parent + "/keys")
        #expect(paths.count == 4)
        #expect(try Self.mode(of: parent + "/keys") == 0o700)
    }

    @Test func writeRefusesOrReplaces() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/platform.key"
        let first = Curve25519.KeyAgreement.PrivateKey()
        let second = Curve25519.KeyAgreement.PrivateKey()
        try KeyFile.write(privateKey: first, to: path)

        #expect(throws: KeyFileError(path: path, reason: .alreadyExists, message: "refusing to overwrite an existing key file")) {
            try KeyFile.write(privateKey: second, to: path)
        }
        #expect(try KeyFile.readPrivateKey(at: path).rawRepresentation == first.rawRepresentation)

        // Replacing an over-open file yields a 0600 file, not one that inherits the old mode.
        chmod(path, 0o644)
        try KeyFile.write(privateKey: second, to: path, overwrite: true)
        #expect(try Self.mode(of: path) == 0o600)
        #expect(try KeyFile.readPrivateKey(at: path).rawRepresentation == second.rawRepresentation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["platform.key"])
    }

    @Test func openPrivateKeyIsRefused() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/gateway.key"
        let key = Curve25519.KeyAgreement.PrivateKey()
        try KeyFile.write(privateKey: key, to: path)
        chmod(path, 0o644)

        #expect(throws: KeyFileError.tooOpen(path, mode: 0o644)) { try KeyFile.readPrivateKey(at: path) }
        let error = KeyFileError.tooOpen(path, mode: 0o644)
        #expect(error.reason == .tooOpen(mode: 0o644))
        #expect(error.description.contains("mode 0644") && error.description.contains("chmod 600"))

        chmod(path, 0o640)
        #expect(throws: KeyFileError.tooOpen(path, mode: 0o640)) { try KeyFile.readPrivateKey(at: path) }
        chmod(path, 0o602)
        #expect(throws: KeyFileError.tooOpen(path, mode: 0o602)) { try KeyFile.readPrivateKey(at: path) }

        // Where something else guards the file (e.g. a systemd credential), the check can be waived.
        chmod(path, 0o644)
        #expect(try KeyFile.readPrivateKey(at: path, requirePrivate: false).rawRepresentation == key.rawRepresentation)
        chmod(path, 0o400)
        #expect(try KeyFile.readPrivateKey(at: path).rawRepresentation == key.rawRepresentation)
    }

    @Test func missingFileIsClear() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nope.key"
        #expect(throws: KeyFileError(path: path, reason: .notFound, message: "key file not found")) {
            try KeyFile.readPrivateKey(at: path)
        }
        #expect(throws: KeyFileError(path: path, reason: .notFound, message: "key file not found")) {
            try KeyFile.readPublicKey(at: path)
        }
    }

    @Test func badContentIsClear() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bad.pub"
        let cases: [(text: String, message: String)] = [
            ("not base64 at all!\n", "not valid base64: expected the base64 of a 32-byte X25519 key"),
            (Data(repeating: 7, count: 31).base64EncodedString() + "\n", "decodes to 31 bytes, but an X25519 key is 32 bytes"),
            ("\n  \n", "empty: expected one line of base64"),
            (Data(repeating: 7, count: 32).base64EncodedString() + "\nmore\n", "more than one line: expected one line of base64"),
        ]
        for (text, message) in cases {
            try Self.write(text, to: path, mode: 0o600)
            #expect(throws: KeyFileError(path: path, reason: .malformed, message: message)) {
                try KeyFile.readPublicKey(at: path)
            }
            #expect(throws: KeyFileError(path: path, reason: .malformed, message: message)) {
                try KeyFile.readPrivateKey(at: path)
            }
        }
        // White space around the one line is fine (editors add newlines, CRLF files happen).
        let key = Curve25519.KeyAgreement.PrivateKey().publicKey
        try Self.write("  " + key.rawRepresentation.base64EncodedString() + "\r\n", to: path, mode: 0o644)
        #expect(try KeyFile.readPublicKey(at: path).rawRepresentation == key.rawRepresentation)

        let error = KeyFileError(path: path, reason: .malformed, message: "decodes to 31 bytes, but an X25519 key is 32 bytes")
        #expect(error.description == "\(path): decodes to 31 bytes, but an X25519 key is 32 bytes")
    }

    @Test func directoryIsNotAKeyFile() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: KeyFileError(path: dir, reason: .unreadable, message: "not a regular file")) {
            try KeyFile.readPublicKey(at: dir)
        }
    }
}
