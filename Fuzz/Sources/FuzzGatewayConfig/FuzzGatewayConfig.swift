import Foundation
import FuzzSupport
import Gateway

/// gateway.yaml through the real loader (`GatewayConfig.load(path:)` has no in-memory entry): every
/// problem becomes a ConfigError, nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let fixture = ConfigFixture.shared
    // Raw bytes, not repaired text: the loader's refusal of non-UTF-8 files is part of what is tested.
    guard FileManager.default.createFile(atPath: fixture.configPath, contents: Data(bytes: start, count: count)) else {
        fatalError("cannot write \(fixture.configPath)")
    }
    _ = try? GatewayConfig.load(path: fixture.configPath)
    return 0
}
