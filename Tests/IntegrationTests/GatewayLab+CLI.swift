import Foundation
import LocalLab

extension GatewayLab {
    /// Runs the `vitalgate` command line to its end (30 s at most): exit status and what it printed.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let dir = TempDirectory(prefix: "vitalgate-cli")
        defer { dir.remove() }
        let out = dir.file("out.txt")
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let child = try ChildProcess.spawn(binary, arguments, environment: env, stdoutPath: out, stderrPath: out)
        let status = child.waitForExit(timeout: .seconds(30)) ?? -1
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    /// `vitalgate status --json` from this lab's gateway, parsed.
    func statusDocument() throws -> [String: Any] {
        let result = try Self.run(["status", "--json", "--socket", dir.file("api.sock")])
        return (try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]) ?? [:]
    }
}
