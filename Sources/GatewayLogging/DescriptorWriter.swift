import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole lines to a file descriptor, one `write(2)` per line whenever the kernel takes it all.
///
/// Why one call per line: journald reads a service's stderr as a stream and splits it at newlines, so
/// a line written in pieces could be cut by another writer's bytes landing in between. A single
/// `write(2)` of at most PIPE_BUF (4096) bytes is atomic on a pipe by POSIX, and in practice on
/// journald's Unix stream socket, a terminal, or an O_APPEND file; our lines are almost always shorter.
/// The lock adds the guarantee within this process for any length, including the rare partial write
/// that has to be finished with a second call.
final class DescriptorWriter: Sendable {
    private let descriptor: Int32
    private let lock = NIOLock()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func emit(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            lock.withLock {
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, base + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        // Nowhere left to report a failing log stream; dropping the line beats blocking the gateway.
                        return
                    }
                }
            }
        }
    }
}
