#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// An open serial port in raw mode, read by a thread of its own so reads never block Swift tasks.
///
/// One instance is one opening of the device: when it reports `.closed`, the owner reopens the
/// path (a USB adapter that comes back gets a fresh instance).
public final class SerialPort: Sendable {
    public let path: String
    public let events: AsyncStream<SerialEvent>
    private let descriptor: Int32
    private let continuation: AsyncStream<SerialEvent>.Continuation
    private let stopping = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    /// Opens `path` exclusively (TIOCEXCL and flock: two readers would each get half the bytes)
    /// and applies `settings` in raw mode.
    public init(path: String, settings: SerialSettings) throws {
        self.path = path
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SerialError("cannot open \(path): \(String(cString: strerror(errno)))") }
        do {
            try Self.lockExclusively(fd, path: path)
            try Self.configure(fd, settings: settings, path: path)
        } catch {
            Glibc.close(fd)
            throw error
        }
        descriptor = fd
        (events, continuation) = AsyncStream<SerialEvent>.makeStream()
        let thread = Thread { [self] in readLoop() }
        thread.name = "serial \(path)"
        thread.start()
    }

    /// Stops reading and closes the port; `events` ends with `.closed`. Safe to call repeatedly.
    public func close() {
        stopping.store(true, ordering: .releasing)
    }

    private static func lockExclusively(_ fd: Int32, path: String) throws {
        if ioctl(fd, UInt(TIOCEXCL)) != 0, errno != ENOTTY {
            throw SerialError("cannot open \(path) exclusively: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw SerialError("\(path) is in use by another program")
        }
    }

    private static func configure(_ fd: Int32, settings: SerialSettings, path: String) throws {
        var options = termios()
        guard tcgetattr(fd, &options) == 0 else { throw SerialError("\(path) is not a serial port: \(String(cString: strerror(errno)))") }
        cfmakeraw(&options)
        guard let speed = baudConstant(settings.baudRate) else { throw SerialError("unsupported baud rate \(settings.baudRate)") }
        cfsetispeed(&options, speed)
        cfsetospeed(&options, speed)
        options.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(PARODD) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        switch settings.dataBits {
        case 5: options.c_cflag |= tcflag_t(CS5)
        case 6: options.c_cflag |= tcflag_t(CS6)
        case 7: options.c_cflag |= tcflag_t(CS7)
        case 8: options.c_cflag |= tcflag_t(CS8)
        default: throw SerialError("unsupported data bits \(settings.dataBits)")
        }
        switch settings.parity {
        case .none: break
        case .even: options.c_cflag |= tcflag_t(PARENB)
        case .odd: options.c_cflag |= tcflag_t(PARENB) | tcflag_t(PARODD)
        }
        if settings.stopBits == 2 { options.c_cflag |= tcflag_t(CSTOPB) }
        options.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        switch settings.flowControl {
        case .none: break
        case .rtsCts: options.c_cflag |= tcflag_t(CRTSCTS)
        case .xonXoff: options.c_iflag |= tcflag_t(IXON) | tcflag_t(IXOFF)
        }
        options.c_cflag |= tcflag_t(CLOCAL) | tcflag_t(CREAD)
        guard tcsetattr(fd, TCSANOW, &options) == 0 else { throw SerialError("cannot configure \(path): \(String(cString: strerror(errno)))") }
        tcflush(fd, TCIFLUSH)
    }

    private static func baudConstant(_ rate: Int) -> speed_t? {
        let table: [Int: Int32] = [
            1200: B1200, 2400: B2400, 4800: B4800, 9600: B9600, 19200: B19200, 38400: B38400, 57600: B57600,
            115_200: B115200, 230_400: B230400, 460_800: B460800, 921_600: B921600,
        ]
        return table[rate].map { speed_t($0) }
    }

    /// Polls with a short timeout so `close()` is noticed promptly; ends on EOF, hang-up or error.
    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var reason = "closed"
        while !stopping.load(ordering: .acquiring) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 250)
            if ready < 0 {
                if errno == EINTR { continue }
                reason = "poll failed: \(String(cString: strerror(errno)))"
                break
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                continuation.yield(.data(Array(buffer[0..<count])))
            } else if count == 0 {
                reason = "end of file (device gone)"
                break
            } else if errno != EAGAIN, errno != EINTR {
                // EIO: the other end of a pty closed, or a USB adapter was unplugged.
                reason = String(cString: strerror(errno))
                break
            } else if poller.revents & Int16(POLLHUP) != 0 {
                reason = "hang-up"
                break
            }
        }
        Glibc.close(descriptor)
        if !finished.exchange(true, ordering: .acquiringAndReleasing) {
            continuation.yield(.closed(reason: reason))
            continuation.finish()
        }
    }
}

/// Why a serial port could not be opened or configured.
public struct SerialError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
