import Foundation
import GatewayModel
import SwiftProtobuf

/// Conversions between the generated `Envelope` and `BatchHeader`, and the envelope's AAD.
extension Vitalgate_V1_Envelope {
    /// An envelope for `header` with the version and suite this code speaks, without ciphertext.
    init(header: BatchHeader, enc: Data) {
        self.init()
        version = WireSuite.version
        gatewayID = header.gatewayID
        seq = header.seq
        lane = Vitalgate_V1_Lane(rawValue: header.lane.number) ?? .unspecified
        createdUnixMs = header.createdUnixMs
        suite = WireSuite.name
        self.enc = enc
    }

    /// The HPKE AAD: this envelope serialized with `ciphertext` empty. Recomputed from the parsed
    /// message on the receiving side, so every header field the receiver acts on is authenticated.
    func authenticatedData() throws -> Data {
        var copy = self
        copy.ciphertext = Data()
        return try copy.serializedBytes()
    }

    /// The header fields, checked: version 1 (first, so that a future format is reported as such and
    /// not as whatever its fields look like to version 1) and a known lane.
    func header() throws(OpenError) -> BatchHeader {
        guard version == WireSuite.version else {
            // Absent (0) means this is no envelope at all, e.g. some other protobuf on the topic.
            if version == 0 { throw .malformedEnvelope("no version field") }
            throw .unsupportedVersion(version)
        }
        guard let lane = Lane(number: lane.rawValue) else {
            throw .malformedEnvelope("lane \(lane.rawValue) is not a known lane")
        }
        return BatchHeader(gatewayID: gatewayID, seq: seq, lane: lane, createdUnixMs: createdUnixMs)
    }

    /// Parses `data`, mapping protobuf's decoding errors to `OpenError.malformedEnvelope`.
    static func parse(_ data: Data) throws(OpenError) -> Vitalgate_V1_Envelope {
        do {
            return try Vitalgate_V1_Envelope(serializedBytes: data)
        } catch {
            throw .malformedEnvelope("not a protobuf Envelope (\(error))")
        }
    }
}
