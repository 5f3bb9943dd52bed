import ArgumentParser
import Foundation
import Gateway

/// `vitalgate reload`: the running gateway re-reads its configuration (like `systemctl reload`).
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload", abstract: "Re-read gateway.yaml and the profiles in the running gateway (root or the service user)."
    )
    @Option(help: "The gateway's control socket.") var socket: String = ControlClient.defaultSocket
    @Flag(help: "Print the API's JSON unchanged.") var json = false

    func run() async throws {
        let data: Data
        do { data = try await ControlClient.post("/v1/reload", socket: socket) } catch {
            FileHandle.standardError.write(Data("vitalgate: \(error)\n".utf8))
            throw ExitCode(1)
        }
        guard let outcome = try? JSONDecoder().decode(ReloadOutcome.self, from: data) else {
            FileHandle.standardError.write(Data("vitalgate: the gateway at \(socket) sent an answer this tool cannot read\n".utf8))
            throw ExitCode(1)
        }
        if json { print(String(decoding: data, as: UTF8.self)) } else { print(Self.describe(outcome)) }
        if !outcome.applied { throw ExitCode(2) }
    }

    static func describe(_ outcome: ReloadOutcome) -> String {
        guard outcome.applied else {
            return (["reload refused; the running configuration stays:"] + outcome.errors).joined(separator: "\n")
        }
        var lines = ["reloaded: \(outcome.devices) device(s)"]
        if !outcome.added.isEmpty { lines.append("added: \(outcome.added.joined(separator: ", "))") }
        if !outcome.removed.isEmpty { lines.append("removed: \(outcome.removed.joined(separator: ", "))") }
        if outcome.upstreamReconnected { lines.append("upstream settings or TLS files changed: reconnecting") }
        if !outcome.needRestart.isEmpty { lines.append("take effect after a restart: \(outcome.needRestart.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}

/// `vitalgate flush`: seal and commit every open batch now, instead of waiting for its window.
struct FlushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush", abstract: "Seal and commit every open batch now so the uplink sends it (root or the service user)."
    )
    @Option(help: "The gateway's control socket.") var socket: String = ControlClient.defaultSocket

    func run() async throws {
        do { _ = try await ControlClient.post("/v1/queue/flush", socket: socket) } catch {
            FileHandle.standardError.write(Data("vitalgate: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("open batches are being sealed and committed")
    }
}
