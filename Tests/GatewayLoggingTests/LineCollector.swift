import GatewayLogging
import Synchronization

/// Keeps every line a handler writes, for assertions.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])

    var output: LogOutput {
        LogOutput { line in self.lines.withLock { $0.append(line) } }
    }

    var all: [String] { lines.withLock { $0 } }
}
