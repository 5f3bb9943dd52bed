import Glibc
import NIOCore

/// Who is on the other end of a Unix-socket connection, as the kernel says (SO_PEERCRED).
struct PeerCredentials: Sendable, Equatable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// nil when the channel is not a local socket or the kernel does not answer.
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let option = NIOBSDSocket.Option(rawValue: SO_PEERCRED)
        guard let credentials: KernelCredentials = try? await provider.unsafeGetSocketOption(level: .socket, name: option).get() else {
            return nil
        }
        return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
    }

    /// Linux's `struct ucred`, which Glibc's module map hides behind _GNU_SOURCE: pid_t, uid_t, gid_t.
    private struct KernelCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// Mutating calls are for root and the service's own user; operators in the group may only read.
    var mayControl: Bool { uid == 0 || uid == geteuid() }
}
