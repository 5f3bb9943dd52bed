import Foundation
import FuzzSupport
import GatewayModel
import Wire

/// The plaintext behind a sealed envelope, which mutations of sealed envelopes never reach (HPKE refuses
/// them first): `BatchCodec.decode` on any bytes returns a batch or throws OpenError.malformedBatch, and
/// a batch it returns encodes to bytes that decode to the same batch (compared encoded, as NaN != NaN).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let content = try? BatchCodec.decode(Data(bytes: start, count: count)) else { return 0 }
    let encoded = BatchCodec.encode(content)
    guard let again = try? BatchCodec.decode(encoded) else { fatalError("a decoded batch re-encodes to bytes that do not decode") }
    if BatchCodec.encode(again) != encoded { fatalError("a decoded batch does not survive encode and decode") }
    return 0
}
