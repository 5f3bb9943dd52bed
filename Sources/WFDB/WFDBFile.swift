#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file read with `pread`, so concurrent readers need no shared cursor (hence Sendable).
final class WFDBFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws(WFDBError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            let error = errno
            close(descriptor)
            throw .readFailed(path: path, errno: error)
        }
        self.path = path
        self.descriptor = descriptor
        size = Int(end)
    }

    deinit { close(descriptor) }

    func readAll() throws(WFDBError) -> [UInt8] {
        try read(offset: 0, count: size)
    }

    /// Reads exactly `count` bytes at `offset`; the caller has checked they lie within `size`.
    func read(offset: Int, count: Int) throws(WFDBError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw .readFailed(path: path, errno: got < 0 ? errno : 0) }
            done += got
        }
        return bytes
    }
}
