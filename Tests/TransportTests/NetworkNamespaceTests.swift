import Foundation
import LocalLab
import Testing

/// The namespaces that put a broker "across a network": a cut must lose packets, never send them off the machine.
@Suite(.serialized, .enabled(if: getuid() == 0, "network namespaces need root"))
struct NetworkNamespaceTests {
    @Test func aCutLinkKeepsTrafficForTheNamespaceOnThisMachine() throws {
        let namespace = try NetworkNamespace(tag: Int(getpid() % 10_000) + 2)
        defer { namespace.remove() }
        #expect(try route(to: namespace.address).contains("dev \(namespace.hostInterface)"))
        let routes = try ChildProcess.run("/usr/sbin/ip", ["route", "show", namespace.subnet])
        #expect(routes.contains("unreachable") && routes.contains("metric 4242"), "the fallback is in place: \(routes)")

        try namespace.cut()
        let whileCut = try route(to: namespace.address)
        #expect(whileCut.contains("dev \(namespace.hostInterface)") && !whileCut.contains(" via "), "the packets die on the veth: \(whileCut)")

        // Were this end's connected route ever dropped, the fallback refuses at once rather than take the default route.
        try ChildProcess.run("/usr/sbin/ip", ["link", "set", namespace.hostInterface, "down"])
        let hostEndDown = try ChildProcess.capture("/usr/sbin/ip", ["route", "get", namespace.address])
        #expect(hostEndDown.status != 0 && !hostEndDown.output.contains(" via "), "no way out: \(hostEndDown.output)")
        try ChildProcess.run("/usr/sbin/ip", ["link", "set", namespace.hostInterface, "up"])

        try namespace.restore()
        #expect(try route(to: namespace.address).contains("dev \(namespace.hostInterface)"))
        namespace.remove()
        let left = try ChildProcess.run("/usr/sbin/ip", ["route", "show", namespace.subnet])
        #expect(left.isEmpty, "remove() takes its fallback route with it: \(left)")
    }

    private func route(to address: String) throws -> String {
        try ChildProcess.run("/usr/sbin/ip", ["route", "get", address])
    }
}
