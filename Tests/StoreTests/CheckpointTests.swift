import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct CheckpointTests {
    @Test func theStoreCheckpointsOnItsOwnConnectionAndTheWriterOnlyAsABackstop() async throws {
        try await withTemporaryDirectory { directory in
            let store = try QueueStore.open(configuration(in: directory), logger: quietLogger)
            #expect(try store.writerPragma("wal_autocheckpoint") == "\(QueueStore.backstopCheckpointPages)")
            _ = try store.append((0..<50).map { _ in pending(store, .wave, size: 4000) })
            let result = try await store.checkpoint()
            #expect(result.walPages > 50, "the appends wait in the WAL until a checkpoint")
            #expect(result.checkpointed == result.walPages, "with no reader in the way, all of it reaches the file")
            try store.close()
        }
    }
}
