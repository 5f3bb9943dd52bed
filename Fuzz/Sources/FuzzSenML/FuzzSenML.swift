import DeviceCodecs
import Foundation
import FuzzSupport

/// SenML packs as a sensor bridge publishes them: any bytes, decoded or refused with a DecodeError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let payload = Data(bytes: start, count: count)
    if let values = try? SenMLDecoder.decode(payload, nowUnixMs: StreamCheck.nowUnixMs) {
        Invariants.check(values, "SenML")
    }
    return 0
}
