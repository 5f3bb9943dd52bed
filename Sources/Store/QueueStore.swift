import GRDB
import GatewayModel
import Logging
import NIOConcurrencyHelpers

/// The durable store-and-forward queue of sealed batches: one SQLite file (WAL), bounded in
/// bytes and age, rows deleted only on PUBACK or by counted eviction.
public final class QueueStore: Sendable {
    public let configuration: QueueConfiguration
    /// Where a corrupt queue file was moved at open, if it was; the store then started empty.
    public let quarantinedFile: String?
    let pool: DatabasePool
    /// A connection of its own for WAL checkpoints, so no commit waits for one (see `checkpoint()`).
    let checkpointer: DatabaseQueue
    let logger: Logger
    let state: NIOLockedValueBox<QueueState>

    init(
        pool: DatabasePool, checkpointer: DatabaseQueue, configuration: QueueConfiguration, logger: Logger,
        quarantinedFile: String?, state: QueueState
    ) {
        self.pool = pool
        self.checkpointer = checkpointer
        self.configuration = configuration
        self.logger = logger
        self.quarantinedFile = quarantinedFile
        self.state = NIOLockedValueBox(state)
    }

    /// Checkpoints and closes the file; later calls throw. Dropping the last reference also closes.
    public func close() throws {
        // Both, whatever the first says: a pool left open would keep the file busy.
        let first = Result { try checkpointer.close() }
        do { try pool.close() } catch { throw QueueError(error, while: "close \(configuration.path)") }
        do { try first.get() } catch { throw QueueError(error, while: "close \(configuration.path)") }
    }
}
