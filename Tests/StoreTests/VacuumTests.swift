import Foundation
import GatewayModel
import Testing

@testable import Store

@Suite struct VacuumTests {
    @Test func incrementalVacuumReturnsFreedPages() async throws {
        try await withTemporaryDirectory { directory in
            let config = configuration(in: directory)
            let store = try QueueStore.open(config, logger: quietLogger)
            let ids = try store.append((0..<200).map { _ in pending(store, .wave, size: 4000) }).stored
            let fullPages = try #require(try store.writerPragma("page_count").flatMap(Int.init))
            try store.delete(ids: ids)
            #expect(try store.writerPragma("freelist_count").flatMap(Int.init).map { $0 > 100 } == true)
            try await store.incrementalVacuum(stepPages: 16)  // many small steps, as after a drain
            #expect(try store.writerPragma("freelist_count") == "0")
            let pagesAfter = try #require(try store.writerPragma("page_count").flatMap(Int.init))
            #expect(pagesAfter < fullPages / 4)
            try store.close()
            let size = try FileManager.default.attributesOfItem(atPath: config.path)[.size] as? Int
            #expect(try #require(size) < fullPages * 4096 / 4)
        }
    }
}
