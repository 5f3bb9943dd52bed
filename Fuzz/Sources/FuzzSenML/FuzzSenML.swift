@_spi(Testing) import DeviceCodecs
import Foundation
import FuzzSupport

/// SenML packs as a sensor bridge publishes them: any bytes, decoded or refused with a DecodeError. The
/// scanner's fast path must read every field exactly as Foundation's JSONDecoder does, and `decode` must
/// agree with `decodeWithFoundation`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let payload = Data(bytes: start, count: count)
    if let scanned = SenMLScanner.records(in: payload) {
        // Compared as text: -0 and 0, or two different Doubles, never pass for equal.
        let reference = (try? SenMLDecoder.foundationRecords(payload)).map { "\($0)" }
        if reference != "\(scanned)" {
            fatalError("SenML: the scanner read \(String(decoding: payload, as: UTF8.self)) as \(scanned), JSONDecoder as \(reference ?? "an error")")
        }
    }
    let fast = Result { () throws(DecodeError) in try SenMLDecoder.decode(payload, nowUnixMs: StreamCheck.nowUnixMs) }
    let reference = Result { () throws(DecodeError) in try SenMLDecoder.decodeWithFoundation(payload, nowUnixMs: StreamCheck.nowUnixMs) }
    switch (fast, reference) {
    case let (.success(values), .success(expected)) where values == expected:
        Invariants.check(values, "SenML")
    case let (.failure(error), .failure(expected)) where error.message == expected.message:
        break
    default:
        fatalError("SenML: decode gave \(fast) for \(String(decoding: payload, as: UTF8.self)), decodeWithFoundation \(reference)")
    }
    return 0
}
