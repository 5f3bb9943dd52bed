import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Fetches JSON from the gateway's control API over its Unix socket (`http+unix://`).
enum ControlClient {
    static let defaultSocket = "/run/vitalgate/api.sock"

    /// The response body; a failure says in one line which socket could not be reached, and why.
    static func get(_ path: String, socket: String) async throws -> Data {
        try await send(.GET, path, socket: socket, accepting: [.ok, .serviceUnavailable])
    }

    /// A mutating call (`POST`); the gateway allows them only for root and its service user.
    static func post(_ path: String, socket: String) async throws -> Data {
        try await send(.POST, path, socket: socket, accepting: [.ok, .accepted, .unprocessableEntity])
    }

    private static func send(_ method: HTTPMethod, _ path: String, socket: String, accepting: Set<HTTPResponseStatus>) async throws -> Data {
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else { throw ControlError("invalid socket path \(socket)") }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = method
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            try await client.shutdown()
            if response.status == .forbidden {
                throw ControlError("the gateway at \(socket) refused \(path): only root or the vitalgate service user may do that")
            }
            guard accepting.contains(response.status) else {
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
