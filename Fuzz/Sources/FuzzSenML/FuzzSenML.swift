import DeviceCodecs
import Foundation
import FuzzSupport

/// SenML packs as a sensor bridge publishes them: any bytes, decoded or refused with a DecodeError, and
/// always exactly as Foundation's JSONDecoder alone would (the scanner's fast path must never differ).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let payload = Data(bytes: start, count: count)
    let fast = Result { () throws(DecodeError) in try SenMLDecoder.decode(payload, nowUnixMs: StreamCheck.nowUnixMs) }
    let reference = Result { () throws(DecodeError) in try SenMLDecoder.decodeWithFoundation(payload, nowUnixMs: StreamCheck.nowUnixMs) }
    switch (fast, reference) {
    case let (.success(values), .success(expected)) where values == expected:
        Invariants.check(values, "SenML")
    case let (.failure(error), .failure(expected)) where error.message == expected.message:
        break
    default:
        fatalError("SenML: the scanner read \(String(decoding: payload, as: UTF8.self)) as \(fast), JSONDecoder as \(reference)")
    }
    return 0
}
