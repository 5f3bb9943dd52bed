import Foundation

/// A network namespace made by a test, joined to this one by a veth pair on a private /30, so a
/// peer can be put "across a network" whose link the test can cut — and nothing leaves the machine.
public final class NetworkNamespace: @unchecked Sendable {  // immutable after init
    public let name: String
    public let hostInterface: String
    /// The address of this (the host's) end and of the namespace's end.
    public let hostAddress: String
    public let address: String
    /// The namespace's end of the veth pair.
    public let namespaceInterface: String
    /// The /30 both ends share.
    public let subnet: String

    /// Creates `vg<tag>` with veth `vg<tag>h` (here) and `vg<tag>n` (inside), and a fallback route that keeps traffic
    /// for its /30 on this machine; needs root.
    public init(tag: Int = Int(getpid() % 10_000)) throws {
        name = "vg\(tag)"
        hostInterface = "vg\(tag)h"
        namespaceInterface = "vg\(tag)n"
        let octet = 1 + tag % 250
        hostAddress = "10.231.\(octet).1"
        address = "10.231.\(octet).2"
        subnet = "10.231.\(octet).0/30"
        remove()
        try Self.ip(["netns", "add", name])
        do {
            // Should the connected route ever be dropped, this one answers "unreachable" at once: without it a
            // packet for the namespace would take the default route off the machine, with the wrong source address.
            try Self.ip(["route", "add", "unreachable", subnet, "metric", Self.fallbackMetric])
            try Self.ip(["link", "add", hostInterface, "type", "veth", "peer", "name", namespaceInterface])
            try Self.ip(["link", "set", namespaceInterface, "netns", name])
            try Self.ip(["addr", "add", "\(hostAddress)/30", "dev", hostInterface])
            try Self.ip(["link", "set", hostInterface, "up"])
            try Self.inside(name, ["addr", "add", "\(address)/30", "dev", namespaceInterface])
            try Self.inside(name, ["link", "set", namespaceInterface, "up"])
            try Self.inside(name, ["link", "set", "lo", "up"])
        } catch {
            remove()
            throw error
        }
    }

    /// Cuts the link: packets are dropped, as when a cable or a radio link goes: no RST, and a new connect fails once
    /// the neighbour lookup does ("no route to host"), as it would on a LAN with the peer gone. The far end goes
    /// down, not this one: downing this end would drop its connected route, and traffic for the namespace would
    /// then leave by the default route with this machine's outside address, which the namespace cannot answer
    /// even after the link is back (a connect begun meanwhile hangs through its SYN retries, minutes).
    public func cut() throws { try Self.inside(name, ["link", "set", namespaceInterface, "down"]) }

    /// Keeps the link up but sends every frame for the namespace to a MAC address nobody has: a
    /// connect then waits through the kernel's SYN retries (minutes), like a host that went dark.
    public func blackhole() throws {
        try Self.ip(["neigh", "replace", address, "lladdr", "02:00:5e:00:53:01", "dev", hostInterface, "nud", "permanent"])
    }

    public func restore() throws {
        try? Self.ip(["neigh", "del", address, "dev", hostInterface])
        try Self.inside(name, ["link", "set", namespaceInterface, "up"])
    }

    /// Deletes the namespace, the veth pair (which goes with it) and the fallback route; idempotent.
    public func remove() {
        try? Self.ip(["link", "del", hostInterface])
        try? Self.ip(["netns", "del", name])
        try? Self.ip(["route", "del", "unreachable", subnet, "metric", Self.fallbackMetric])
    }

    deinit { remove() }

    /// Above any route the kernel adds for the veth, so the fallback only answers while that route is gone.
    private static let fallbackMetric = "4242"

    private static func inside(_ namespace: String, _ arguments: [String]) throws {
        try ip(["netns", "exec", namespace, "ip"] + arguments)
    }

    private static func ip(_ arguments: [String]) throws {
        try ChildProcess.run("/usr/sbin/ip", arguments, timeout: .seconds(10))
    }
}
