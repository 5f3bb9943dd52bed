import Foundation

/// A network namespace made by a test, joined to this one by a veth pair on a private /30, so a
/// peer can be put "across a network" whose link the test can cut — and nothing leaves the machine.
public final class NetworkNamespace: @unchecked Sendable {  // immutable after init
    public let name: String
    public let hostInterface: String
    /// The address of this (the host's) end and of the namespace's end.
    public let hostAddress: String
    public let address: String

    /// Creates `vg<tag>` with veth `vg<tag>h` (here) and `vg<tag>n` (inside); needs root.
    public init(tag: Int = Int(getpid() % 10_000)) throws {
        name = "vg\(tag)"
        hostInterface = "vg\(tag)h"
        let subnet = 1 + tag % 250
        hostAddress = "10.231.\(subnet).1"
        address = "10.231.\(subnet).2"
        try? Self.ip(["netns", "del", name])
        try? Self.ip(["link", "del", hostInterface])
        try Self.ip(["netns", "add", name])
        do {
            try Self.ip(["link", "add", hostInterface, "type", "veth", "peer", "name", "vg\(tag)n"])
            try Self.ip(["link", "set", "vg\(tag)n", "netns", name])
            try Self.ip(["addr", "add", "\(hostAddress)/30", "dev", hostInterface])
            try Self.ip(["link", "set", hostInterface, "up"])
            try Self.ip(["netns", "exec", name, "ip", "addr", "add", "\(address)/30", "dev", "vg\(tag)n"])
            try Self.ip(["netns", "exec", name, "ip", "link", "set", "vg\(tag)n", "up"])
            try Self.ip(["netns", "exec", name, "ip", "link", "set", "lo", "up"])
        } catch {
            remove()
            throw error
        }
    }

    /// Cuts the link: packets are dropped silently, as when a cable or a radio link goes, no RST.
    public func cut() throws { try Self.ip(["link", "set", hostInterface, "down"]) }

    /// Keeps the link up but sends every frame for the namespace to a MAC address nobody has: a
    /// connect then waits through the kernel's SYN retries (minutes), like a host that went dark.
    public func blackhole() throws {
        try Self.ip(["neigh", "replace", address, "lladdr", "02:00:5e:00:53:01", "dev", hostInterface, "nud", "permanent"])
    }

    public func restore() throws {
        try? Self.ip(["neigh", "del", address, "dev", hostInterface])
        try Self.ip(["link", "set", hostInterface, "up"])
    }

    /// Deletes the namespace and the veth pair (which goes with it); idempotent.
    public func remove() {
        try? Self.ip(["link", "del", hostInterface])
        try? Self.ip(["netns", "del", name])
    }

    deinit { remove() }

    private static func ip(_ arguments: [String]) throws {
        try ChildProcess.run("/usr/sbin/ip", arguments, timeout: .seconds(10))
    }
}
