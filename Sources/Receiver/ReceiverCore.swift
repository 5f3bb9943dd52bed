import Foundation
import GatewayModel
import Logging
import Synchronization
import Wire

/// The platform side of the wire format, callable from any platform code: open, verify,
/// deduplicate and write FHIR.
public final class ReceiverCore: Sendable {
    /// What became of one received envelope.
    public enum Outcome: Sendable, Equatable {
        case written(resources: Int)
        case duplicate
        case rejected(String)
    }

    private let opener: Opener
    private let seen: SeenBatches
    private let writer: Mutex<NDJSONWriter>
    private let stats = Mutex(ReceiverStats())
    private let logger: Logger

    public init(config: ReceiverConfig, logger: Logger) throws {
        self.opener = Opener(recipientKey: config.privateKey, gatewayKeys: config.gateways)
        try FileManager.default.createDirectory(
            atPath: (config.statePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true
        )
        self.seen = try SeenBatches(path: config.statePath)
        self.writer = Mutex(try NDJSONWriter(directory: config.outputDirectory))
        self.logger = logger
    }

    public var statistics: ReceiverStats { stats.withLock { $0 } }

    /// Handles one envelope received on `topic` (`…/{site}/{gatewayId}/{lane}`).
    @discardableResult
    public func receive(topic: String, payload: Data, receivedUnixMs: Int64 = WallClock.nowUnixMs()) -> Outcome {
        stats.withLock { $0.received += 1 }
        let outcome = process(topic: topic, payload: payload, receivedUnixMs: receivedUnixMs)
        stats.withLock { stats in
            switch outcome {
            case let .written(count):
                stats.accepted += 1
                stats.resourcesWritten += count
                stats.lastAcceptedUnixMs = receivedUnixMs
            case .duplicate:
                stats.duplicates += 1
            case let .rejected(reason):
                stats.rejected[reason.split(separator: ":").first.map(String.init) ?? reason, default: 0] += 1
                logger.warning("rejected a batch on \(topic): \(reason)")
            }
        }
        return outcome
    }

    private func process(topic: String, payload: Data, receivedUnixMs: Int64) -> Outcome {
        let header: BatchHeader
        do { header = try opener.header(of: payload) } catch { return .rejected("malformed: \(error)") }
        let levels = topic.split(separator: "/")
        guard levels.count >= 2, levels[levels.count - 2] == header.gatewayID, levels[levels.count - 1] == header.lane.rawValue else {
            return .rejected("topic mismatch: \(topic) carries \(header.gatewayID)/\(header.lane.rawValue)")
        }
        let batch: OpenedBatch
        do { batch = try opener.open(payload) } catch { return .rejected("\(Self.reasonName(error)): \(error)") }
        let (lines, unencodable) = FHIRMapper.lines(for: batch, receivedUnixMs: receivedUnixMs)
        if unencodable > 0 { logger.error("batch \(header.gatewayID)/\(header.seq): \(unencodable) reading(s) could not be written as FHIR JSON") }
        // One lock over check, write and mark, so two callers never write the same batch twice.
        return writer.withLock { writer in
            do {
                if try seen.contains(gateway: header.gatewayID, seq: header.seq) { return .duplicate }
                // Written and synced before the batch is marked seen: a crash in between repeats
                // lines rather than losing them.
                try writer.append(gateway: header.gatewayID, lines: lines)
                try seen.insert(gateway: header.gatewayID, seq: header.seq, lane: header.lane.number, receivedUnixMs: receivedUnixMs)
            } catch {
                logger.error("writing FHIR output failed: \(error)")
                return .rejected("output: \(error)")
            }
            return .written(resources: lines.count)
        }
    }

    private static func reasonName(_ error: any Error) -> String {
        guard let error = error as? OpenError else { return "invalid" }
        switch error {
        case .malformedEnvelope: return "malformed"
        case .unsupportedVersion: return "version"
        case .unsupportedSuite: return "suite"
        case .unknownGateway: return "unknown-gateway"
        case .authenticationFailed: return "authentication"
        case .malformedBatch: return "malformed-batch"
        }
    }
}
