import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// X25519 key files: the base64 of the raw 32 bytes on one line, as WireGuard stores its keys, so
/// `wg genkey`/`wg pubkey` can make them and any language can read them.
///
/// Private key files are created 0600 (never briefly more open) and refused when group or others
/// can access them. Writes are durable (fsync of file and directory) and never overwrite a key
/// unless asked: losing the platform's private key loses every batch sealed to it.
public enum KeyFile {
    /// File names `generatePairs` writes.
    public static let gatewayPrivateName = "gateway.key"
    public static let gatewayPublicName = "gateway.pub"
    public static let platformPrivateName = "platform.key"
    public static let platformPublicName = "platform.pub"

    /// Reads a private key. With `requirePrivate` (the default) the file must not be accessible by
    /// group or others (`KeyFileError.Reason.tooOpen`); pass false only where something else
    /// guards the file, e.g. a systemd credential.
    public static func readPrivateKey(
        at path: String, requirePrivate: Bool = true
    ) throws -> Curve25519.KeyAgreement.PrivateKey {
        let raw = try readKeyBytes(at: path, requirePrivate: requirePrivate)
        do {
            return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
        } catch {
            throw KeyFileError(path: path, reason: .malformed, message: "not a valid X25519 private key (\(error))")
        }
    }

    /// Reads a public key. (A private key file reads as a "public key" too, as both are 32 bytes:
    /// the file name is the only guard, as with WireGuard.)
    public static func readPublicKey(at path: String) throws -> Curve25519.KeyAgreement.PublicKey {
        let raw = try readKeyBytes(at: path, requirePrivate: false)
        do {
            return try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
        } catch {
            throw KeyFileError(path: path, reason: .malformed, message: "not a valid X25519 public key (\(error))")
        }
    }

    /// Writes a private key with mode 0600. Without `overwrite` an existing file is an error
    /// (`alreadyExists`); with it the file is replaced atomically.
    public static func write(
        privateKey: Curve25519.KeyAgreement.PrivateKey, to path: String, overwrite: Bool = false
    ) throws {
        try writeKeyText(encode(privateKey.rawRepresentation), to: path, mode: 0o600, overwrite: overwrite)
    }

    /// Writes a public key with mode 0644. Without `overwrite` an existing file is an error.
    public static func write(
        publicKey: Curve25519.KeyAgreement.PublicKey, to path: String, overwrite: Bool = false
    ) throws {
        try writeKeyText(encode(publicKey.rawRepresentation), to: path, mode: 0o644, overwrite: overwrite)
    }

    /// Makes a gateway and a platform key pair in `dir` (created 0700 if missing): gateway.key,
    /// gateway.pub, platform.key, platform.pub, returned in that order. Refuses, writing nothing,
    /// when any of the four exists.
    @discardableResult
    public static func generatePairs(into dir: String) throws -> [String] {
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw KeyFileError(path: dir, reason: .writeFailed, message: "cannot create directory: \(errnoText())")
        }
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        let paths = [gatewayPrivateName, gatewayPublicName, platformPrivateName, platformPublicName].map { base + $0 }
        // All four checked first, so that a refusal leaves no half-made set behind.
        for path in paths {
            var info = stat()
            if lstat(path, &info) == 0 {
                throw KeyFileError(path: path, reason: .alreadyExists, message: "refusing to overwrite an existing key file")
            }
            if errno != ENOENT {
                throw KeyFileError(path: path, reason: .unreadable, message: "cannot check for an existing key file: \(errnoText())")
            }
        }
        let gateway = Curve25519.KeyAgreement.PrivateKey()
        let platform = Curve25519.KeyAgreement.PrivateKey()
        try write(privateKey: gateway, to: paths[0])
        try write(publicKey: gateway.publicKey, to: paths[1])
        try write(privateKey: platform, to: paths[2])
        try write(publicKey: platform.publicKey, to: paths[3])
        return paths
    }

    // MARK: - Reading

    /// A key file is 45 bytes; anything much larger is the wrong file, not worth reading whole.
    private static let maxFileSize = 1024

    private static func readKeyBytes(at path: String, requirePrivate: Bool) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw KeyFileError(path: path, reason: .notFound, message: "key file not found")
            }
            throw KeyFileError(path: path, reason: .unreadable, message: "cannot open key file: \(errnoText(code))")
        }
        defer { close(fd) }

        // fstat of the open descriptor checks the very file that is read (no race with a rename).
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw KeyFileError(path: path, reason: .unreadable, message: "cannot stat key file: \(errnoText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw KeyFileError(path: path, reason: .unreadable, message: "not a regular file")
        }
        if requirePrivate && (info.st_mode & 0o077) != 0 {
            throw KeyFileError.tooOpen(path, mode: UInt32(info.st_mode))
        }

        var bytes = [UInt8](repeating: 0, count: maxFileSize + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw KeyFileError(path: path, reason: .unreadable, message: "cannot read key file: \(errnoText())")
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxFileSize else {
            throw KeyFileError(path: path, reason: .malformed, message: "too large for a key file (a key file is one line of 44 base64 characters)")
        }
        return try decode(bytes[..<count], path: path)
    }

    /// The raw key from the file's text: one line of base64, surrounding white space ignored.
    private static func decode(_ bytes: ArraySlice<UInt8>, path: String) throws -> Data {
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw KeyFileError(path: path, reason: .malformed, message: "not text: expected one line of base64")
        }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else {
            throw KeyFileError(path: path, reason: .malformed, message: "empty: expected one line of base64")
        }
        guard !line.contains(where: \.isNewline) else {
            throw KeyFileError(path: path, reason: .malformed, message: "more than one line: expected one line of base64")
        }
        guard let raw = Data(base64Encoded: line) else {
            throw KeyFileError(path: path, reason: .malformed, message: "not valid base64: expected the base64 of a 32-byte X25519 key")
        }
        guard raw.count == 32 else {
            throw KeyFileError(path: path, reason: .malformed, message: "decodes to \(raw.count) bytes, but an X25519 key is 32 bytes")
        }
        return raw
    }

    // MARK: - Writing

    private static func encode(_ raw: Data) -> String { raw.base64EncodedString() + "\n" }

    private static func writeKeyText(_ text: String, to path: String, mode: mode_t, overwrite: Bool) throws {
        if overwrite {
            // A new file renamed over the old one: a crash leaves the old key or the new one, never
            // half of one, and the new file never has the old file's (maybe looser) mode.
            let temporary = path + ".tmp-\(getpid())"
            unlink(temporary)  // a leftover of a crashed earlier run with the same pid, if any
            try writeNewFile(text, at: temporary, mode: mode, reportedPath: path)
            guard rename(temporary, path) == 0 else {
                let text = errnoText()
                unlink(temporary)
                throw KeyFileError(path: path, reason: .writeFailed, message: "cannot replace key file: \(text)")
            }
        } else {
            try writeNewFile(text, at: path, mode: mode, reportedPath: path)
        }
        syncDirectory(of: path)
    }

    /// Creates `file` exclusively with `mode`, writes `text` and fsyncs it; removes it on failure.
    private static func writeNewFile(_ text: String, at file: String, mode: mode_t, reportedPath: String) throws {
        // O_EXCL: never follow a planted symlink or clobber an existing key; the mode is set at
        // creation, so a private key is not readable by others even for an instant.
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST {
                throw KeyFileError(path: reportedPath, reason: .alreadyExists, message: "refusing to overwrite an existing key file")
            }
            throw KeyFileError(path: reportedPath, reason: .writeFailed, message: "cannot create key file: \(errnoText(code))")
        }
        var failure: String?
        // The umask may have removed bits (e.g. made a public key 0600); set exactly what was asked.
        if fchmod(fd, mode) != 0 { failure = "cannot set mode: \(errnoText())" }
        if failure == nil {
            let bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { buffer in
                    posixWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write: \(errnoText())"
                    break
                }
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = "cannot sync: \(errnoText())" }
        if close(fd) != 0 && failure == nil { failure = "cannot close: \(errnoText())" }
        if let failure {
            unlink(file)
            throw KeyFileError(path: reportedPath, reason: .writeFailed, message: failure)
        }
    }

    /// Makes the new directory entry durable; best effort, as some file systems cannot fsync a directory.
    private static func syncDirectory(of path: String) {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}

/// write(2); named apart because `KeyFile.write` overloads would shadow it inside `KeyFile`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
