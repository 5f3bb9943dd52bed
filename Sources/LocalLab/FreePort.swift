import Foundation
import Synchronization

/// Free TCP ports on 127.0.0.1, found by letting the kernel pick one.
public enum FreePort {
    /// Every port handed out in this process. Tests run in parallel in one process, and a broker stopped for
    /// an outage frees its port: the kernel may offer it to another test, whose broker then answers in its place.
    private static let handedOut = Mutex<Set<Int>>([])

    /// A port that was free a moment ago and never handed out before in this process. Another process can
    /// still take it before ours binds; callers that start servers retry on "address in use".
    public static func next() -> Int {
        for _ in 0..<64 {
            let port = kernelPick()
            if handedOut.withLock({ $0.insert(port).inserted }) { return port }
        }
        preconditionFailure("the kernel offered only ports already handed out")
    }

    private static func kernelPick() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed: \(String(cString: strerror(errno)))")
        defer { close(fd) }
        var address = LoopbackAddress.make(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, LoopbackAddress.length) }
        }
        precondition(bound == 0, "bind(127.0.0.1:0) failed: \(String(cString: strerror(errno)))")
        var length = LoopbackAddress.length
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        precondition(named == 0, "getsockname failed: \(String(cString: strerror(errno)))")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True if something accepts TCP connections on `host` (IPv4, loopback by default):`port` right now.
    public static func isAccepting(_ port: Int, host: String = "127.0.0.1") -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = LoopbackAddress.make(port: port, host: host)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, LoopbackAddress.length) }
        }
        return rc == 0
    }
}

enum LoopbackAddress {
    static let length = socklen_t(MemoryLayout<sockaddr_in>.size)

    static func make(port: Int, host: String = "127.0.0.1") -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }
}
