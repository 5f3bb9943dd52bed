import AsyncHTTPClient
import Foundation

/// Fetches JSON from the gateway's control API over its Unix socket (`http+unix://`).
enum ControlClient {
    static let defaultSocket = "/run/vitalgate/api.sock"

    /// The response body; a failure says in one line which socket could not be reached, and why.
    static func get(_ path: String, socket: String) async throws -> Data {
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else { throw ControlError("invalid socket path \(socket)") }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let request = HTTPClientRequest(url: url.absoluteString)
            let response = try await client.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 16 << 20)
            try await client.shutdown()
            guard response.status == .ok || response.status == .serviceUnavailable else {
                throw ControlError("the gateway at \(socket) answered \(response.status.code) for \(path)")
            }
            return Data(body.readableBytesView)
        } catch let error as ControlError {
            throw error
        } catch {
            try? await client.shutdown()
            throw ControlError("the gateway is not running, or its socket \(socket) is not reachable (\(error))")
        }
    }
}

/// A control-API problem, told in one line.
struct ControlError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
