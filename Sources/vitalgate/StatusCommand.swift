import ArgumentParser
import Foundation
import Gateway

/// Options shared by the commands that read the control API.
struct ControlOptions: ParsableArguments {
    @Option(help: "The gateway's control socket.") var socket: String = ControlClient.defaultSocket
    @Flag(help: "Print the API's JSON unchanged.") var json = false
    @Flag(help: "Refresh every 2 seconds until Ctrl-C.") var watch = false

    /// Fetches `path` and prints it (raw JSON or rendered), once or repeatedly.
    func show(_ path: String, render: @escaping (StatusDocument, Palette) -> String) async throws {
        let palette = Palette.forStandardOutput()
        repeat {
            let data: Data
            do { data = try await ControlClient.get(json ? path : "/v1/status", socket: socket) } catch {
                FileHandle.standardError.write(Data("vitalgate: \(error)\n".utf8))
                throw ExitCode(1)
            }
            if json {
                print(String(decoding: data, as: UTF8.self))
            } else {
                guard let document = try? JSONDecoder().decode(StatusDocument.self, from: data) else {
                    FileHandle.standardError.write(Data("vitalgate: the gateway at \(socket) sent a status this tool cannot read\n".utf8))
                    throw ExitCode(1)
                }
                if watch { print("\u{1B}[H\u{1B}[2J", terminator: "") }
                print(render(document, palette))
            }
            // Into a pipe stdout is block-buffered: without a flush (of every stream: nil) a watcher sees nothing.
            fflush(nil)
            if watch { try await Task.sleep(for: .seconds(2)) }
        } while watch
    }
}

/// `vitalgate status`: one screen — upstream, queue, devices, active alarms.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Is data flowing, what is stuck, which bed has an alarm.")
    @OptionGroup var options: ControlOptions

    func run() async throws {
        try await options.show("/v1/status") { StatusScreen(document: $0, palette: $1).render() }
    }
}

/// `vitalgate devices`.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "devices", abstract: "Every configured device and how it is doing.")
    @OptionGroup var options: ControlOptions

    func run() async throws {
        try await options.show("/v1/devices") { StatusScreen(document: $0, palette: $1).devices() }
    }
}

/// `vitalgate alarms`.
struct AlarmsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alarms", abstract: "Active alarms, highest priority first.")
    @OptionGroup var options: ControlOptions

    func run() async throws {
        try await options.show("/v1/alarms") { StatusScreen(document: $0, palette: $1).alarms() }
    }
}

/// `vitalgate queue`.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "The store-and-forward queue: lanes, bound, drops.")
    @OptionGroup var options: ControlOptions

    func run() async throws {
        try await options.show("/v1/queue") { StatusScreen(document: $0, palette: $1).queue() }
    }
}
